// /event through the real registry and store: the post with its RSVP button and calendar file, RSVPs that
// toggle and refresh the count, reminders at offsets through the outbox, direct reminders, cancel, list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageRef } from '../../src/core/message.js';
import { member } from '../helpers/context.js';
import { announceHarness, fakeOutlet } from '../announce/setup.js';

type H = Awaited<ReturnType<typeof announceHarness>>;
let h: H;
beforeEach(async () => {
  h = await announceHarness();
  h.clock.set('2026-11-22T15:00:00Z'); // Sun 9:00 AM CST
});
afterEach(() => h.close());

const ADD = '/event add "CRSS exam prep webinar" --at "2026-12-03 12:00" --url https://niapp.org/webinar --details "Bring questions" --remind 7d,1d,1h';

async function addEvent() {
  const said = await h.run(ADD);
  const post = said.find((s) => s.kind === 'post')!;
  const id = (await h.services.announce.events.events.list())[0]![0];
  const ref: MessageRef = { platform: 'console', channelId: 'console', messageId: 'm1' };
  return { said, post, id, ref };
}

const press = (id: string, who: string, ref: MessageRef) => h.registry.runAction(h.surface(member(who), ref), { command: 'event', action: 'rsvp', value: id });

describe('/event add', () => {
  it('posts the event with an RSVP button and a .ics calendar file', async () => {
    const { said, post, id } = await addEvent();
    expect(post.text).toBe(
      ['CRSS EXAM PREP WEBINAR', 'When: Thu, Dec 3, 2026, 12:00 PM CST – 1:00 PM', 'Where: https://niapp.org/webinar (https://niapp.org/webinar)', '', 'Bring questions', 'Going: 0 members', `(file: crss-exam-prep-webinar-${id}.ics)`, "[I'll attend]", `Event ${id} · press again to take your RSVP back · times in Illinois time`].join('\n'),
    );
    expect(post.message.buttons![0]!.action).toEqual({ command: 'event', action: 'rsvp', value: id });
    const ics = String(post.message.attachments![0]!.content);
    expect(ics).toContain('BEGIN:VEVENT\r\n');
    expect(ics).toContain('DTSTART:20261203T180000Z\r\n');
    expect(ics).toContain('SUMMARY:CRSS exam prep webinar\r\n');
    expect(ics).toContain('URL:https://niapp.org/webinar\r\n');
    expect(post.message.attachments![0]!.contentType).toBe('text/calendar');
    expect(said.at(-1)!.text).toContain('Reminders: 1 week, 1 day, 1 hour before');
  });

  it('members cannot add or cancel events; bad input is refused; nothing is stored', async () => {
    expect((await h.run(ADD, member('alice')))[0]!.text).toContain('Only NIAPP leadership');
    expect((await h.run('/event add "X" --at "yesterday 9am"'))[0]!.text).toContain('is in the past');
    expect((await h.run('/event add "X" --at "tomorrow 9am" --remind soon'))[0]!.text).toContain('"soon" is not a reminder offset. Write them like --remind 7d,1d,1h');
    expect((await h.run('/event add "X" --at "tomorrow 9am" --url niapp'))[0]!.text).toContain('--url: must be a link starting with https://');
    // An end clock earlier than the start would silently mean "tomorrow": refused, with the dated form to use.
    const backwards = (await h.run('/event add "X" --at "2026-12-03 18:00" --end "5pm"'))[0]!.text;
    expect(backwards).toContain('--end "5pm" is earlier in the day than the start (Thu, Dec 3, 2026, 6:00 PM CST)');
    expect(backwards).toContain('--end "2026-12-04 17:00"');
    expect((await h.run('/event add "" --at "tomorrow 9am"'))[0]!.text).toContain('The event needs a title');
    expect(await h.services.announce.events.events.list()).toEqual([]);
    expect(await h.services.announce.scheduler.schedules.list()).toEqual([]);
    expect(h.said.filter((s) => s.kind === 'post')).toEqual([]);
  });
});

describe('RSVP', () => {
  it('"I\'ll attend" toggles: the count on the post goes up, and back down when the member takes it back', async () => {
    const { id, ref } = await addEvent();
    await press(id, 'alice', ref);
    expect(h.said.at(-2)).toMatchObject({ kind: 'update', to: 'm1' });
    expect(h.said.at(-2)!.text).toContain('Going: 1 member');
    expect(h.said.at(-1)!.text).toContain("You're on the list for CRSS exam prep webinar");
    await press(id, 'alice', ref);
    expect(h.said.at(-2)!.text).toContain('Going: 0 members');
    expect(h.said.at(-1)!.text).toContain("You're no longer on the list");
  });

  it('many members pressing at once are all counted (one record each, no shared counter)', async () => {
    const { id, ref } = await addEvent();
    await Promise.all(Array.from({ length: 12 }, (_, i) => press(id, `m${i}`, ref)));
    expect(await h.services.announce.events.going(id)).toBe(12);
    expect((await h.run('/event list', member('zoe')))[0]!.text).toContain(`Thu, Dec 3, 2026, 12:00 PM CST · 12 going · link (https://niapp.org/webinar) · id ${id}`);
  });

  it('the post on the other platform is refreshed too', async () => {
    const slack = fakeOutlet(h, 'slack');
    const updates: string[] = [];
    slack.outlet.update = async (r) => void updates.push(r.messageId);
    const { id, ref } = await addEvent();
    await press(id, 'alice', ref);
    expect(updates).toEqual(['slack-1']);
  });
});

describe('reminders', () => {
  it('go out at 7d, 1d and 1h before, once each; attendees get a direct reminder where the platform allows', async () => {
    const slack = fakeOutlet(h, 'slack');
    const { id, ref } = await addEvent();
    await press(id, 'alice', ref);
    await press(id, 'bob', ref);
    await press(id, 'bob', ref); // took it back
    await h.registry.runAction(h.surface({ platform: 'slack', id: 'U0CAROL', name: 'carol', isLeader: false }, { platform: 'slack', channelId: 'C0ANNOUNCE', messageId: 'slack-1' }), { command: 'event', action: 'rsvp', value: id });
    const start = h.said.length;
    h.clock.set('2026-11-26T17:59:00Z');
    await h.tick(60_000); // 7 days before
    h.clock.set('2026-12-02T17:59:00Z');
    await h.tick(60_000); // 1 day before
    h.clock.set('2026-12-03T16:59:00Z');
    await h.tick(60_000); // 1 hour before
    await h.tick(3_600_000);
    const later = h.said.slice(start);
    expect(later.filter((s) => s.kind === 'post').map((s) => s.message.title)).toEqual(Array(3).fill('Reminder: CRSS exam prep webinar'));
    expect(later.filter((s) => s.kind === 'post').map((s) => s.text.split('\n')[1])).toEqual([
      'CRSS exam prep webinar starts in 1 week: Thu, Dec 3, 2026, 12:00 PM CST – 1:00 PM.',
      'CRSS exam prep webinar starts in 1 day: Thu, Dec 3, 2026, 12:00 PM CST – 1:00 PM.',
      'CRSS exam prep webinar starts in 1 hour: Thu, Dec 3, 2026, 12:00 PM CST – 1:00 PM.',
    ]);
    expect(later.filter((s) => s.kind === 'dm').map((s) => s.to)).toEqual(['alice', 'alice', 'alice']);
    expect(slack.dms.map((d) => d.userId)).toEqual(['U0CAROL', 'U0CAROL', 'U0CAROL']);
    expect(slack.posts).toHaveLength(4); // the event and three reminders
  });

  it('a cancelled event says so on its post and sends no reminders', async () => {
    const { id } = await addEvent();
    const said = await h.run(`/event cancel ${id}`);
    expect(said.map((s) => s.kind)).toEqual(['update', 'ephemeral']);
    expect(said[1]!.text).toContain(`Cancelled event ${id}`);
    expect(said[0]!.text).toMatch(/^CANCELLED: CRSS EXAM PREP WEBINAR[\s\S]*This event has been cancelled\./);
    const start = h.said.length;
    h.clock.set('2026-12-04T00:00:00Z');
    await h.tick(0);
    expect(h.said.slice(start)).toEqual([]);
    expect((await h.run('/event list'))[0]!.text).toContain('No upcoming events');
  });
});

describe('/event add --end', () => {
  it('an end clock after midnight is an overnight event; an end clock that would make it last the next day too is refused', async () => {
    const overnight = await h.run('/event add "Overnight warm line shift" --at "2026-12-03 22:00" --end "2am"');
    expect(overnight.find((s) => s.kind === 'post')!.text).toContain('When: Thu, Dec 3, 2026, 10:00 PM CST – Fri, Dec 4, 2026, 2:00 AM CST');
    const dated = await h.run('/event add "Two-day retreat" --at "2026-12-03 18:00" --end "2026-12-04 17:00"');
    expect(dated.find((s) => s.kind === 'post')!.text).toContain('When: Thu, Dec 3, 2026, 6:00 PM CST – Fri, Dec 4, 2026, 5:00 PM CST');
  });
});

describe('reminder times', () => {
  it('"1d before" keeps the wall-clock time across a DST change; hours are exact', async () => {
    const { reminderAt } = await import('../../src/services/events/service.js');
    const at = new Date('2026-11-02T18:00:00Z'); // Mon Nov 2, 12:00 PM CST (the day after fall back)
    expect(reminderAt(at, 86_400_000, 'America/Chicago').toISOString()).toBe('2026-11-01T18:00:00.000Z'); // Sun 12:00 PM CST
    expect(reminderAt(at, 7 * 86_400_000, 'America/Chicago').toISOString()).toBe('2026-10-26T17:00:00.000Z'); // Mon 12:00 PM CDT
    expect(reminderAt(at, 3_600_000, 'America/Chicago').toISOString()).toBe('2026-11-02T17:00:00.000Z');
  });
});
