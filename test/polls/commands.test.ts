// /poll as members and leaders use it, over the real registry and a real sqlite store (harness).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, leader, member } from '../helpers/context.js';
import { choose, latest, pollHarness, postedPoll, press, privately } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await pollHarness();
});
afterEach(async () => {
  await h.close();
});

const alice = member('alice');
const bob = member('bob');
const pollCount = async () => (await h.services.polls.listOpen()).length;

describe('creating a poll', () => {
  it('takes the Simple Poll form and posts question, option buttons, voters, closing and id', async () => {
    const said = await h.run('/poll "Should supervision hours be paid?" "Yes" "No" "Unsure"', alice);
    const { id, message } = postedPoll(said);
    expect(message.text).toContain('**Should supervision hours be paid?**');
    expect(message.text).toContain('Anonymous');
    expect(message.buttons!.map((b) => b.label)).toEqual(['1. Yes', '2. No', '3. Unsure']);
    expect(message.footer).toBe(`0 voters · Open until its creator or a leader closes it · Poll ${id}`);
    expect(privately(said, 'alice')).toContain(`Poll ${id} is posted in this channel`);
  });

  it('shows the closing time in Chicago time and refuses a time in the past', async () => {
    // The harness clock is Sunday 2026-11-22 15:00 UTC = 9:00 AM CST.
    const { message } = postedPoll(await h.run('/poll create "Q?" "A" "B" --closes "friday 5pm"'));
    expect(message.footer).toContain('Closes Fri Nov 27, 5:00 PM CST');
    const iso = postedPoll(await h.run('/poll "Q2?" "A" "B" --closes "2026-12-01 17:00"')).message;
    expect(iso.footer).toContain('Closes Tue Dec 1, 5:00 PM CST');
    const rel = postedPoll(await h.run('/poll "Q3?" "A" "B" --closes 3d')).message;
    expect(rel.footer).toContain('Closes Wed Nov 25, 9:00 AM CST');
    const past = await h.run('/poll "Q4?" "A" "B" --closes "2026-11-01 12:00"');
    expect(past.map((s) => s.kind)).toEqual(['ephemeral']);
    expect(past[0]!.text).toContain('is in the past');
    expect(await pollCount()).toBe(3);
  });

  it('uses a select instead of buttons for more than 5 options', async () => {
    const { message } = postedPoll(await h.run('/poll "Best day?" "Mon" "Tue" "Wed" "Thu" "Fri" "Sat" --max 2'));
    expect(message.buttons).toBeUndefined();
    expect(message.select!.options).toHaveLength(6);
    expect(message.select!.max).toBe(2);
  });

  it('opens a form with no arguments, and where a form is impossible (console) gives the usage', async () => {
    const said = await h.run('/poll', alice);
    expect(said.map((s) => s.kind)).toEqual(['form', 'ephemeral']);
    expect(said[0]!.text).toBe('New member poll');
    expect(said[1]!.text).toContain('Give a question and at least two options');
    expect(said[1]!.text).toContain('Usage: /poll create');
  });

  it.each([
    ['one option', '/poll "Q?" "Only"', '"options" needs at least 2 entries'],
    ['eleven options', `/poll "Q?" ${Array.from({ length: 11 }, (_, i) => `"o${i}"`).join(' ')}`, '"options" takes at most 10 entries'],
    ['an empty question', '/poll "" "A" "B"', '"question" cannot be empty'],
    ['an empty option', '/poll "Q?" "A" ""', '"options" (item 2) cannot be empty'],
    ['a question over 300 characters', `/poll "${'q'.repeat(301)}" "A" "B"`, '"question" can be at most 300 characters'],
    ['an option over 80 characters', `/poll "Q?" "A" "${'b'.repeat(81)}"`, '"options" (item 2) can be at most 80 characters'],
    ['the same option twice', '/poll "Q?" "Yes" "yes"', 'read the same'],
    ['--max above the option count', '/poll "Q?" "A" "B" "C" --max 5', '--max 5 is more than the 3 options'],
    ['an unreadable --closes', '/poll "Q?" "A" "B" --closes "whenever"', 'could not read "whenever"'],
    ['--everywhere from a member', '/poll "Q?" "A" "B" --everywhere', 'Only leadership can post a poll --everywhere'],
  ])('refuses %s privately, creating nothing', async (_what, line, message) => {
    const said = await h.run(line, alice);
    expect(said.map((s) => s.kind)).toEqual(['ephemeral']);
    expect(said[0]!.text).toContain(message);
    expect(await pollCount()).toBe(0);
  });
});

describe('voting', () => {
  it('records a vote, confirms it privately, changes it on another click, and updates the tally', async () => {
    const { message, ref } = postedPoll(await h.run('/poll "Lunch?" "Pizza" "Salad"'));
    expect(privately(await press(h, alice, message, 'Pizza', ref), 'alice')).toContain('Your vote is recorded: Pizza');
    await press(h, bob, message, 'Pizza', ref);
    await h.services.polls.flush();
    expect(latest(h, ref.messageId)).toContain('2 voters');
    const changed = await press(h, alice, message, 'Salad', ref);
    expect(privately(changed, 'alice')).toContain('Your vote is recorded: Salad');
    await h.services.polls.flush();
    expect(latest(h, ref.messageId)).toMatch(/1\. Pizza\n█████░░░░░ 50% \(1\)\n2\. Salad\n█████░░░░░ 50% \(1\)/);
    expect(latest(h, ref.messageId)).toContain('2 voters');
  });

  it('in multi-choice toggles options and enforces --max with a clear message, changing nothing', async () => {
    const { message, ref } = postedPoll(await h.run('/poll "Priorities?" "Pay" "Billing" "Supervision" --max 2'));
    await press(h, alice, message, 'Pay', ref);
    expect(privately(await press(h, alice, message, 'Billing', ref), 'alice')).toContain('Your vote is recorded: Pay, Billing');
    const refused = privately(await press(h, alice, message, 'Supervision', ref), 'alice');
    expect(refused).toContain('You can pick at most 2 options in this poll, and you have: Pay, Billing');
    expect(refused).toContain('Nothing was changed');
    expect(privately(await press(h, alice, message, 'Pay', ref), 'alice')).toContain('Your vote is recorded: Billing');
    const t = await h.services.polls.tally((await h.services.polls.listOpen())[0]!.poll.id);
    expect(t).toMatchObject({ voters: 1, counts: [0, 1, 0] });
  });

  it('takes a select choice for many options, and refuses more than --max', async () => {
    const { id, message, ref } = postedPoll(await h.run('/poll "Day?" "Mon" "Tue" "Wed" "Thu" "Fri" "Sat" --max 2'));
    expect(privately(await choose(h, alice, message, ['Tue', 'Sat'], ref), 'alice')).toContain('Your vote is recorded: Tue, Sat');
    expect(privately(await choose(h, bob, message, ['Mon', 'Tue', 'Wed'], ref), 'bob')).toContain('at most 2 options');
    expect(await h.services.polls.tally(id)).toMatchObject({ voters: 1, counts: [0, 1, 0, 0, 0, 1] });
  });

  it('hides the tally until close with --hide-results, then shows it', async () => {
    const { id, message, ref } = postedPoll(await h.run('/poll "Raise dues?" "Yes" "No" --hide-results'));
    await press(h, alice, message, 'Yes', ref);
    await h.services.polls.flush();
    expect(latest(h, ref.messageId)).toContain('Results are hidden until the poll closes');
    expect(latest(h, ref.messageId)).not.toContain('%');
    expect(latest(h, ref.messageId)).toContain('1 voter ·');
    expect((await h.run(`/poll results ${id}`, bob))[0]!.text).not.toContain('100%');
    await h.run(`/poll close ${id}`);
    expect((await h.run(`/poll results ${id}`, bob))[0]!.text).toContain('100% (1)');
  });

  it('refuses a vote after close privately and changes nothing', async () => {
    const { id, message, ref } = postedPoll(await h.run('/poll "Q?" "A" "B"'));
    await press(h, alice, message, 'A', ref);
    await h.run(`/poll close ${id}`);
    const late = privately(await press(h, bob, message, 'B', ref), 'bob');
    expect(late).toContain('This poll closed on Sun Nov 22, 9:00 AM CST, so nothing was recorded');
    expect(await h.services.polls.tally(id)).toMatchObject({ voters: 1, counts: [1, 0] });
  });

  it('tells a member who clicks a button of an unknown poll what to do', async () => {
    await h.registry.runAction(h.surface(alice), { command: 'poll', action: 'vote', value: 'zzzzzz:0' });
    expect(h.said.at(-1)!.text).toContain('There is no poll "zzzzzz"');
  });
});

describe('results, close, list', () => {
  it('answers an unknown poll id clearly', async () => {
    for (const sub of ['results', 'close', 'export']) {
      const said = await h.run(`/poll ${sub} nosuch`);
      expect(said.at(-1)!.text).toContain('There is no poll "nosuch". `/poll list`'.replace(/`/g, ''));
    }
  });

  it('lets the creator or leadership close a poll, not another member; posts the final results', async () => {
    const { id, message, ref } = postedPoll(await h.run('/poll "Q?" "A" "B"', alice));
    await press(h, bob, message, 'B', ref);
    const refused = await h.run(`/poll close ${id}`, bob);
    expect(privately(refused, 'bob')).toContain('Only the member who created this poll, or leadership, can close it');
    expect(await pollCount()).toBe(1);
    const closed = await h.run(`/poll close ${id}`, alice);
    expect(privately(closed, 'alice')).toContain(`Poll ${id} is closed with 1 voter`);
    const final = closed.find((s) => s.kind === 'post')!;
    expect(final.text).toContain('POLL CLOSED — FINAL RESULTS');
    expect(final.text).toContain('2. B\n██████████ 100% (1)');
    const edited = closed.find((s) => s.kind === 'update' && s.to === ref.messageId)!;
    expect(edited.message.buttons).toBeUndefined();
    expect(edited.text).toContain('Closed Sun Nov 22');
    expect((await h.run(`/poll close ${id}`, leader()))[0]!.text).toContain('already closed');
  });

  it('lists open polls only', async () => {
    const a = postedPoll(await h.run('/poll "First?" "A" "B"')).id;
    const b = postedPoll(await h.run('/poll "Second?" "A" "B"')).id;
    await h.run(`/poll close ${a}`);
    const text = (await h.run('/poll list', alice))[0]!.text;
    expect(text).toContain(b);
    expect(text).not.toContain(a);
  });
});

describe('comments', () => {
  it('offers a form; on the console explains /poll comment, which saves one comment per member', async () => {
    const { id, message, ref } = postedPoll(await h.run('/poll "Q?" "A" "B" --comments'));
    const said = await press(h, alice, message, 'Add a comment', ref);
    expect(said.map((s) => s.kind)).toEqual(['form', 'ephemeral']);
    expect(said[1]!.text).toContain(`/poll comment ${id} "your comment"`);
    expect((await h.run(`/poll comment ${id} "Pay us for supervision."`, alice))[0]!.text).toContain('Your comment is saved');
    await h.run(`/poll comment ${id} "Second thoughts."`, alice);
    const comments = (await h.services.polls.commentsOf(id));
    expect(comments).toEqual(['Second thoughts.']);
    const none = postedPoll(await h.run('/poll "No comments?" "A" "B"')).id;
    expect((await h.run(`/poll comment ${none} "hi"`, alice))[0]!.text).toContain('does not take comments');
  });
});
