// Calendar files as RFC 5545 / 5546 want them, and as an independent parser (ical.js) reads them back: folding
// by octets that never splits an emoji, no bare CR, ORGANIZER with PUBLISH, CANCEL with the same UID and a higher
// SEQUENCE, durations, recurring events, and a fall-back time read as its first occurrence.
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/services/announcements/when.js';
import { calendarFeedIcs, eventIcs, fold } from '../../src/services/events/ics.js';
import type { BotEvent } from '../../src/services/events/model.js';
import { announceHarness } from '../announce/setup.js';

type H = Awaited<ReturnType<typeof announceHarness>>;
let h: H;
beforeEach(async () => {
  h = await announceHarness({ EVENT_ORGANIZER: 'events@niapp.example' });
  h.clock.set('2026-11-22T15:00:00Z'); // Sun 9:00 AM CST
});
afterEach(() => h.close());

/** Every VEVENT of a calendar file, read by ical.js; also checks each physical line is at most 75 octets. */
function parse(ics: string) {
  for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
  expect(ics).not.toMatch(/\r(?!\n)/); // no bare CR
  expect(ics).not.toMatch(/[^\r]\n/); // no bare LF
  const cal = new ICAL.Component(ICAL.parse(ics));
  return {
    method: cal.getFirstPropertyValue('method'),
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        summary: e.summary,
        description: e.description,
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
        sequence: e.sequence,
        organizer: String(v.getFirstPropertyValue('organizer')),
        status: String(v.getFirstPropertyValue('status')),
      };
    }),
  };
}

const attachment = (said: { message: { attachments?: { content: unknown }[] } }) => String(said.message.attachments![0]!.content);
const base: BotEvent = {
  id: 'e1a2b', title: 'x', at: '2026-12-03T18:00:00.000Z', sequence: 0, native: {}, remind: [], targets: ['console'], channels: {}, tz: 'America/Chicago',
  createdBy: { platform: 'console', id: 'lead', name: 'lead' }, createdAt: '2026-11-22T15:00:00.000Z', cancelled: false, scheduleIds: [],
};

describe('calendar files read back by ical.js', () => {
  it('folds by octets at code-point boundaries: a long title of emoji and accents comes back whole', () => {
    const title = `${'Peer 🧠 support réunion 💬 '.repeat(6)}🎉`;
    for (let pad = 0; pad < 8; pad++) {
      const t = `${'x'.repeat(pad)}${title}`;
      const { events } = parse(eventIcs({ ...base, title: t }, new Date()));
      expect(events[0]!.summary).toBe(t);
    }
    expect(fold('SUMMARY:' + '🧠'.repeat(40)).split('\r\n').every((l) => !/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/.test(l))).toBe(true);
  });

  it('a link with characters a URI may not hold is written percent-encoded (a valid URL value)', () => {
    const ics = eventIcs({ ...base, url: 'https://example.org/x?a=1&b=<2> c' }, new Date());
    expect(ics).toContain('URL:https://example.org/x?a=1&b=%3C2%3E%20c');
    expect(ics).not.toContain('<2>');
    parse(ics);
  });

  it('/event add is audited with its time as leaders read it (Illinois time), not UTC', async () => {
    await h.run('/event add "Audit time check" --at "2026-12-10 12:00"');
    const entry = (await h.services.announce.audit.recent(5)).find((e) => e.action === 'event-added')!;
    expect(entry.summary).toContain('12:00 PM CST');
    expect(entry.summary).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('a bare carriage return in a title or details never reaches the file', () => {
    const { events } = parse(eventIcs({ ...base, title: 'Line\rbreak', details: 'a\r\nb\nc\rd' }, new Date()));
    expect(events[0]!.summary).toBe('Line\nbreak');
    expect(events[0]!.description).toBe('a\nb\nc\nd');
  });

  it('/event add with --duration: PUBLISH with an ORGANIZER, the real end time; cancel sends CANCEL with the same UID and a higher SEQUENCE', async () => {
    const said = await h.run('/event add "CRSS exam prep" --at "2026-12-03 12:00" --duration 90m --url https://niapp.org/webinar');
    const post = said.find((s) => s.kind === 'post')!;
    expect(post.text).toContain('When: Thu, Dec 3, 2026, 12:00 PM CST – 1:30 PM');
    const published = parse(attachment(post));
    expect(published.method).toBe('PUBLISH');
    expect(published.events).toEqual([expect.objectContaining({ summary: 'CRSS exam prep', start: '2026-12-03T18:00:00.000Z', end: '2026-12-03T19:30:00.000Z', sequence: 0, organizer: 'mailto:events@niapp.example', status: 'CONFIRMED' })]);
    const id = (await h.services.announce.events.events.list())[0]![0];
    const update = (await h.run(`/event cancel ${id}`)).find((s) => s.kind === 'update')!;
    const cancelled = parse(attachment(update));
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events).toEqual([expect.objectContaining({ uid: published.events[0]!.uid, sequence: 1, status: 'CANCELLED' })]);
  });

  it('--end sets the end; a bad duration or an end before the start is refused with how to write it', async () => {
    const said = await h.run('/event add "Workshop" --at "2026-12-03 12:00" --end "3pm"');
    expect(parse(attachment(said.find((s) => s.kind === 'post')!)).events[0]!.end).toBe('2026-12-03T21:00:00.000Z');
    expect((await h.run('/event add "W" --at "2026-12-03 12:00" --duration soon'))[0]!.text).toContain('"soon" is not a duration. Write it like --duration 90m');
    expect((await h.run('/event add "W" --at "2026-12-03 12:00" --duration 1h --end 3pm'))[0]!.text).toContain('Give either --duration or --end');
    expect((await h.run('/event add "W" --at "tomorrow 9am" --url "javascript:alert(1)"'))[0]!.text).toContain('--url: must be a link starting with https://');
    expect((await h.services.announce.events.events.list()).length).toBe(1);
  });

  it('a time that happens twice (fall back) is read as its first occurrence, as RFC 5545 says', () => {
    expect(parseWhen('2026-11-01 01:30', new Date('2026-10-01T00:00:00Z'), 'America/Chicago').toISOString()).toBe('2026-11-01T06:30:00.000Z'); // 1:30 CDT
  });

  it('the feed holds every event; ical.js reads each occurrence of a recurring one', () => {
    const monthly: BotEvent = { ...base, id: 'e9', title: 'Peer support meeting', repeat: 'monthly', occurrences: ['2026-12-01T00:00:00.000Z', '2027-01-05T00:00:00.000Z'] };
    const { method, events } = parse(calendarFeedIcs([base, monthly], new Date('2026-11-22T15:00:00Z')));
    expect(method).toBe('PUBLISH');
    expect(events.map((e) => [e.uid, e.start])).toEqual([['e1a2b@niapp-bot', '2026-12-03T18:00:00.000Z'], ['e9-1@niapp-bot', '2026-12-01T00:00:00.000Z'], ['e9-2@niapp-bot', '2027-01-05T00:00:00.000Z']]);
  });
});
