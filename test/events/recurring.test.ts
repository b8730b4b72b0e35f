// A recurring event (the monthly peer-support meeting): one post, the same weekday of each month at the same
// Illinois wall time (across DST), reminders for every occurrence through the scheduler and outbox, once each
// even when the bot restarts between two reminders (a fresh scheduler over the same store).
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAnnouncements } from '../../src/services/announcements/index.js';
import { repeatStarts } from '../../src/services/events/service.js';
import { announceHarness } from '../announce/setup.js';

type H = Awaited<ReturnType<typeof announceHarness>>;
let h: H;
beforeEach(async () => {
  h = await announceHarness();
  h.clock.set('2026-09-20T15:00:00Z');
});
afterEach(() => h.close());

const reminders = () => h.said.filter((s) => s.kind === 'post' && s.message.title?.startsWith('Reminder:')).map((s) => s.text.split('\n')[1]);

describe('recurring events', () => {
  it('monthly on the first Tuesday at 6 PM Illinois time, CDT and CST alike; the 5th weekday becomes the last', () => {
    expect(repeatStarts(new Date('2026-10-06T23:00:00Z'), 'monthly', 3, 'America/Chicago')).toEqual(['2026-10-06T23:00:00.000Z', '2026-11-04T00:00:00.000Z', '2026-12-02T00:00:00.000Z']);
    expect(repeatStarts(new Date('2026-12-29T18:00:00Z'), 'monthly', 2, 'America/Chicago')).toEqual(['2026-12-29T18:00:00.000Z', '2027-01-26T18:00:00.000Z']);
    expect(repeatStarts(new Date('2026-10-26T17:00:00Z'), 'biweekly', 2, 'America/Chicago')).toEqual(['2026-10-26T17:00:00.000Z', '2026-11-09T18:00:00.000Z']);
  });

  it('reminders go out before every occurrence, once each, across a restart', async () => {
    const said = await h.run('/event add "Peer support meeting" --at "2026-10-06 18:00" --end "7:30pm" --repeat monthly --times 3 --remind 1d');
    expect(said.at(-1)!.text).toContain('Tue, Oct 6, 2026, 6:00 PM CDT – 7:30 PM, repeating every month on the first Tuesday, 3 times (last Tue, Dec 1, 2026, 6:00 PM CST)');
    expect(said.at(-1)!.text).toContain('Reminders: 1 day before each time');
    h.clock.set('2026-10-05T22:59:00Z');
    await h.tick(60_000); // Oct 5, 6 PM CDT: the first reminder
    expect(reminders()).toEqual(['Peer support meeting starts in 1 day: Tue, Oct 6, 2026, 6:00 PM CDT – 7:30 PM.']);

    // The bot restarts: the old scheduler stops, a new one over the same store takes over.
    const { scheduler: old } = h.services.announce;
    await old.stop();
    const { store, outlets, clock, config } = h.services;
    const fresh = buildAnnouncements({ store, outlets, clock, log: pino({ level: 'silent' }), config });
    fresh.scheduler.useTimers = false;
    await fresh.scheduler.start();
    for (const at of ['2026-10-05T23:30:00Z', '2026-11-03T00:00:00Z', '2026-11-30T23:59:00Z', '2026-12-01T00:00:00Z', '2026-12-01T00:30:00Z', '2026-12-03T00:00:00Z']) {
      h.clock.set(at); // the restart re-reads what is due: nothing twice, the later ones on time
      await fresh.scheduler.tick();
      await fresh.scheduler.settled();
    }
    await fresh.scheduler.stop();
    expect(reminders()).toEqual([
      'Peer support meeting starts in 1 day: Tue, Oct 6, 2026, 6:00 PM CDT – 7:30 PM.',
      'Peer support meeting starts in 1 day: Tue, Nov 3, 2026, 6:00 PM CST – 7:30 PM.',
      'Peer support meeting starts in 1 day: Tue, Dec 1, 2026, 6:00 PM CST – 7:30 PM.',
    ]);
    expect((await h.run('/event list'))[0]!.text).toContain('No upcoming events');
  });
});
