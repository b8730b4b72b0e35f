// /poll schedule and its companions over the harness (real services, in-memory sqlite, a moved TestClock):
// scheduled, listed, previewed, edited, cancelled; fired through the scheduler's outbox once; bad input answered
// privately with how to say it right, nothing stored; members refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import announce from '../../commands/announce.js';
import poll from '../../commands/poll.js';
import { type Harness, harness, member } from '../helpers/context.js';

let h: Harness;
beforeAll(async () => {
  h = await harness([poll, announce]);
  h.services.announce.scheduler.useTimers = false;
});
afterAll(() => h?.close());

const text = (said: { text: string }[]) => said.map((s) => s.text).join('\n');
const idOf = (said: { text: string }[]) => /SCHEDULED: POLL (\w+)/i.exec(text(said))![1]!.toLowerCase();
const stored = async () => (await h.services.announce.scheduler.schedules.list()).filter(([, s]) => s.kind === 'poll').length;

describe('/poll schedule', () => {
  it('refuses bad input privately, storing nothing, and refuses members', async () => {
    const before = await stored();
    expect(text(await h.run('/poll schedule "Q?" "A" "B" --open 3d'))).toContain('exactly one of --at');
    expect(text(await h.run('/poll schedule "Q?" "A" "B" --at "tomorrow 9am" --every "0 9 * * 1" --open 3d'))).toContain('exactly one of');
    expect(text(await h.run('/poll schedule "Q?" "A" "B" --at "tomorrow 9am" --open forever'))).toContain('is not a duration between 1 minute and 366 days');
    expect(text(await h.run('/poll schedule "Q?" "A" "B" --at "yesterday 9am" --open 3d'))).toContain('is in the past');
    expect(text(await h.run('/poll schedule "Q?" "A" "B" --every "99 9 * * 1" --open 3d'))).toMatch(/cron|minute/i);
    expect(text(await h.run('/poll schedule "Q?" "Only one" --at "tomorrow 9am" --open 3d'))).toMatch(/at least 2/);
    expect(text(await h.run('/poll schedule "Q?" "A" "B" --at "tomorrow 9am" --open 3d', member('alice')))).toContain('leadership');
    expect(await stored()).toBe(before);
  });

  it('schedules, lists, previews, edits and cancels like announcements, in the audit log', async () => {
    const id = idOf(await h.run('/poll schedule "Monthly pulse: how are you?" "Good" "OK" "Struggling" --every "0 9 * * 1" --open 2d'));
    const list = text(await h.run('/poll schedules'));
    expect(list).toContain(id);
    expect(list).toContain('every "0 9 * * 1"');
    expect(list).toContain('open 2d');
    const preview = text(await h.run(`/poll schedule-preview ${id}`));
    expect(preview).toContain('Monthly pulse: how are you?');
    expect(preview).toContain('Struggling');
    const edited = text(await h.run(`/poll schedule-edit ${id} --open 5d --question "Weekly pulse: how are you?"`));
    expect(edited).toContain('open 5d');
    expect(edited).toContain('Weekly pulse');
    expect(text(await h.run(`/poll schedule-cancel ${id}`))).toContain(`Cancelled scheduled poll ${id}`);
    expect(text(await h.run(`/poll schedule-cancel ${id}`))).toContain('already cancelled');
    expect(text(await h.run('/poll schedules'))).not.toContain(id);
    const log = text(await h.run(`/announce log ${id}`));
    expect(log).toMatch(/scheduled[\s\S]*poll: every/i);
    expect(log).toMatch(/edited/i);
    expect(log).toMatch(/cancelled/i);
  });

  it('posts the poll at its time once (a second tick or reconcile finds the same poll), closing after the duration', async () => {
    const id = idOf(await h.run('/poll schedule "Meet in person?" "Yes" "No" --at "2026-11-23 09:00" --open 1d'));
    const before = h.said.length;
    h.clock.set('2026-11-23T15:00:00Z');
    await h.services.announce.scheduler.tick();
    await h.services.announce.scheduler.settled();
    const posts = h.said.slice(before).filter((s) => s.kind === 'post' && s.message.title === 'Member poll');
    expect(posts).toHaveLength(1);
    const pollId = /Poll (\w+)$/.exec(posts[0]!.message.footer!)![1]!;
    expect((await h.services.polls.get(pollId)).closesAt).toBe('2026-11-24T15:00:00.000Z');
    // The same occurrence fired again (a restart's reconcile, another replica) posts nothing and makes no new poll.
    const s = (await h.services.announce.scheduler.schedules.get(id))!;
    await h.services.announce.scheduler.fire(s, new Date('2026-11-23T15:00:00Z'));
    expect(h.said.slice(before).filter((x) => x.kind === 'post' && x.message.title === 'Member poll')).toHaveLength(1);
    expect((await h.services.polls.listOpen()).filter((o) => o.poll.question === 'Meet in person?')).toHaveLength(1);
    expect(text(await h.run(`/poll schedule-edit ${id} --open 3d`))).toContain('already been posted');
  });
});
