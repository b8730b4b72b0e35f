// The calendar feed: one secret address served on the bot's web server (the health server here, over real
// HTTP); the right secret gets every upcoming event as a calendar ical.js reads, anything else a 404 that says
// nothing; the secret is made once and kept in the store, so a second bot process over the store serves the same.
import ICAL from 'ical.js';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHealthServer } from '../../src/health.js';
import { CalendarFeed } from '../../src/services/events/feed.js';
import { freePort } from '../helpers/wait.js';
import { member } from '../helpers/context.js';
import { announceHarness } from '../announce/setup.js';

type H = Awaited<ReturnType<typeof announceHarness>>;
let h: H;
let server: Server;
let base: string;
beforeEach(async () => {
  h = await announceHarness({ BOT_PUBLIC_URL: 'https://bot.niapp.example/' });
  h.clock.set('2026-11-22T15:00:00Z');
  const port = await freePort();
  server = await startHealthServer(port, [], h.services.store, undefined, [h.services.announce.feed.calendarFeed]);
  base = `http://127.0.0.1:${port}`;
});
afterEach(async () => {
  server.close();
  await h.close();
});

describe('calendar feed', () => {
  it('members get the address; it serves every upcoming event (cancelled ones marked) and nothing else', async () => {
    await h.run('/event add "CRSS exam prep" --at "2026-12-03 12:00" --duration 2h');
    await h.run('/event add "Peer meeting" --at "2026-12-01 18:00" --repeat monthly --times 2');
    await h.run('/event add "Dropped" --at "2026-12-10 12:00"');
    const dropped = (await h.services.announce.events.all()).find((e) => e.title === 'Dropped')!;
    await h.run(`/event cancel ${dropped.id}`);
    const said = await h.run('/event feed', member('alice'));
    const url = /https:\/\/bot\.niapp\.example(\/calendar\/\S+\.ics)/.exec(said[0]!.text);
    expect(url, said[0]!.text).not.toBeNull();

    const res = await fetch(`${base}${url![1]}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = cal.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('summary')), String(v.getFirstPropertyValue('status'))]);
    expect(events.sort()).toEqual([['CRSS exam prep', 'CONFIRMED'], ['Dropped', 'CANCELLED'], ['Peer meeting', 'CONFIRMED'], ['Peer meeting', 'CONFIRMED']]);

    // After they are over, the feed is empty.
    expect(CalendarFeed.feedText(await h.services.announce.events.all(), new Date('2027-02-01T00:00:00Z'))).not.toContain('BEGIN:VEVENT');
  });

  it('a wrong, empty or altered secret gets a bare 404; other paths are not answered by the feed', async () => {
    const path = await h.services.announce.feed.feedPath();
    const secret = /\/calendar\/(.+)\.ics/.exec(path)![1]!;
    for (const guess of [`${secret.slice(0, -1)}x`, '', 'a'.repeat(200), `${secret}/..`, encodeURIComponent('%E0')]) {
      const res = await fetch(`${base}/calendar/${guess}.ics`);
      expect(res.status, guess).toBe(404);
      expect(await res.text()).not.toContain('VCALENDAR');
    }
    expect(await h.services.announce.feed.calendarFeed('/healthz')).toBeUndefined();
    expect((await fetch(`${base}${path}?x=1`)).status).toBe(200);
  });

  it('the secret is made once and shared through the store (a second process serves the same address)', async () => {
    const other = new CalendarFeed({ store: h.services.store, clock: h.services.clock, events: async () => [] });
    expect(await other.feedPath()).toBe(await h.services.announce.feed.feedPath());
    expect(await h.services.announce.feed.feedSecret()).toMatch(/^[\w-]{32}$/);
  });
});
