// Forms in the console: a command that opens a form on Slack or Discord (/announce, /poll with no arguments, a
// poll's Comment button) asks its fields one by one, then submits through the same registry.submitForm. Every
// answer meets the crisis guard first.
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/context.js';
import { type ConsoleSession, consoleSession } from './session.js';

let h: Harness;
afterEach(() => h?.close());

async function start(interactive = false): Promise<ConsoleSession> {
  const c = await consoleSession({}, interactive);
  h = c.h;
  return c;
}

/** The private answers to `who`, first line of each. */
const privately = (out: string, who: string) => out.split(`» to ${who} only\n`).slice(1).map((s) => s.split('\n')[0]!.trim());

describe('console forms, field by field', () => {
  it('/poll with no arguments asks question, options (several lines), closing time and settings, then posts the poll', async () => {
    const c = await start();
    await c.send('@alice /poll');
    expect(c.out()).toContain('» form: New member poll');
    expect(c.out()).toContain('» field 1 of 4: Question\n  Required.');
    expect(c.out()).not.toContain('Give a question and at least two options');
    await c.send('Where should the spring retreat be?');
    expect(c.out()).toMatch(/» field 2 of 4: Options, one per line \(2-\d+\)\n {2}Required\.\n {2}Several lines are fine/);
    c.type('Springfield', 'Peoria', 'Chicago');
    await c.send(''); // the empty line ends the options
    expect(c.out()).toMatch(/» field 3 of 4: Closes \(Chicago time\)\n {2}Optional: press Enter to leave it empty\.\n {2}For example: 3d, friday 5pm/);
    await c.send('3d');
    await c.send('--multi');
    const open = await c.h.services.polls.listOpen();
    expect(open).toHaveLength(1);
    const poll = open[0]!.poll;
    expect(poll.question).toBe('Where should the spring retreat be?');
    expect(poll.options.map((o) => (typeof o === 'string' ? o : (o as { label: string }).label))).toEqual(['Springfield', 'Peoria', 'Chicago']);
    expect(poll.maxChoices).toBeGreaterThan(1);
    expect(poll.closesAt).toBeDefined();
    expect(c.out()).toContain(`Poll ${poll.id} is posted in`);
    // The form is over: the next line is a command again.
    await c.send('/niapp about');
    expect(c.out()).toContain('ABOUT THE NIAPP BOT');
  });

  it('a required field is asked again with what was wrong; too few options are refused by the form\'s own rule', async () => {
    const c = await start();
    await c.send('@alice /poll');
    await c.send('   ');
    expect(privately(c.out(), 'alice')).toEqual(['Question: This field is required. Type it again, or "cancel" to stop.']);
    expect(c.out().match(/» field 1 of 4: Question/g)).toHaveLength(2);
    await c.send('Lunch?');
    c.type('Pizza');
    await c.send('');
    expect(privately(c.out(), 'alice')[1]).toBe('Options, one per line (2-10): Give at least 2 options, one per line. Type it again, or "cancel" to stop.');
    expect(c.out().match(/» field 2 of 4/g)).toHaveLength(2);
    c.type('Pizza', 'Tacos');
    await c.send('');
    await c.send('');
    await c.send('');
    expect((await c.h.services.polls.listOpen()).map((p) => p.poll.question)).toEqual(['Lunch?']);
  });

  it('/announce asks text, time and place (empty skips an optional one); a wrong choice is asked again; "cancel" stops another', async () => {
    const c = await start();
    await c.send('/announce');
    expect(c.out()).toContain('» form: New announcement');
    c.type('Peer check-in moves to Room 204.');
    await c.send('');
    expect(c.out()).toContain('» field 2 of 3: When (blank = now)\n  Optional: press Enter to leave it empty.\n  For example: tomorrow 9am');
    await c.send('tomorrow 9am');
    await c.send('everywhere');
    expect(privately(c.out(), 'Operator')[0]).toMatch(/^Where: both, slack or discord \(blank = all\): .+ Type it again, or "cancel" to stop\.$/);
    await c.send('console');
    const [scheduled] = await c.h.services.announce.announcements.upcoming();
    expect(scheduled?.text).toBe('Peer check-in moves to Room 204.');
    expect(c.out()).toContain(`SCHEDULED: ANNOUNCEMENT ${scheduled!.id.toUpperCase()}`);

    await c.send('/announce');
    c.type('Never mind this one');
    await c.send('');
    await c.send('cancel');
    expect(c.out()).toContain('Cancelled "New announcement": nothing was saved or posted.');
    expect(await c.h.services.announce.announcements.upcoming()).toHaveLength(1);
    await c.send('/announce list');
    expect(c.out()).toContain('SCHEDULED ANNOUNCEMENTS (1)');
  });

  it('leadership forms stay leadership-only: a member gets the refusal, not the form', async () => {
    const c = await start();
    await c.send('@alice /announce');
    expect(c.out()).not.toContain('» form:');
    await c.send('@alice /niapp about');
    expect(c.out()).toContain('ABOUT THE NIAPP BOT');
  });

  it('crisis words typed in a field get the crisis message at once, the form ends, and nothing is saved', async () => {
    const c = await start();
    await c.send('@alice /poll');
    await c.send('i want to kill myself');
    expect(c.out()).toContain('YOU DO NOT HAVE TO GO THROUGH THIS ALONE');
    expect(c.out()).toContain('Nothing you wrote here was saved or posted.');
    expect(c.out()).not.toContain('field 2 of 4');
    await c.send('Yes');
    expect(c.out()).toContain('Commands start with a slash'); // the form is over
    expect(await c.h.services.polls.listOpen()).toEqual([]);
    expect((await c.h.services.crisis.daily(1))[0]!.count).toBe(1);

    // In a later field too (the options, a paragraph): the first field's words are not kept either.
    await c.send('/announce');
    c.type('Office hours on Friday.');
    await c.send('');
    await c.send('i want to end my life');
    expect(c.out().match(/YOU DO NOT HAVE TO GO THROUGH THIS ALONE/g)).toHaveLength(2);
    expect(await c.h.services.announce.announcements.upcoming()).toEqual([]);
    expect(c.out()).not.toContain('SCHEDULED: ANNOUNCEMENT');
  });

  it('the Comment button of a poll asks for the comment in the console', async () => {
    const c = await start();
    await c.send('/poll "Lunch?" "Pizza" "Tacos" --comments');
    const button = /\[(\d+)\] Add a comment/.exec(c.out())![1]!;
    await c.send(`@alice /press ${button}`);
    expect(c.out()).toContain('» form: Comment on the poll');
    c.type('Tacos on Tuesdays please');
    await c.send('');
    expect(c.out()).toContain('Your comment on "Lunch?" is saved.');
  });

  it('at a terminal, the prompt names the field being asked, and returns to niapp> when the form is done', async () => {
    const c = await start(true);
    await c.send('/poll');
    expect(c.out().endsWith('Question> ')).toBe(true);
    await c.send('Lunch?');
    expect(c.out().endsWith('Options, one per line (2-10)> ')).toBe(true);
    await c.send('Pizza'); // prints only the continuation prompt
    expect(c.out().endsWith('… ')).toBe(true);
    await c.send('Tacos');
    await c.send(''); // ends the options
    expect(c.out().endsWith('Closes (Chicago time)> ')).toBe(true);
    await c.send('cancel');
    expect(c.out().endsWith('niapp> ')).toBe(true);
  });

  it('input that ends in the middle of a form saves nothing and says so', async () => {
    const c = await start();
    await c.send('/announce');
    c.type('Half an announcement', '');
    const out = await c.end();
    expect(out).toContain('The input ended before "New announcement" was finished, so nothing was saved or posted.');
    expect(await c.h.services.announce.announcements.upcoming()).toEqual([]);
  });

  it('a crisis line in a several-line field gets the crisis message as it is typed, even if the member then stops', async () => {
    const c = await start();
    await c.send('/announce');
    c.type('Hello all');
    await c.send('I want to kill myself');
    expect(c.out()).toContain('YOU DO NOT HAVE TO GO THROUGH THIS ALONE'); // before any empty line ends the field
    const out = await c.end();
    expect(out).not.toContain('The input ended before');
    expect(await c.h.services.announce.announcements.upcoming()).toEqual([]);
  });

  it('a form the command refuses is asked again with every answer kept for Enter, not thrown away', async () => {
    const c = await start();
    await c.send('/announce');
    c.type('Team meeting moved');
    await c.send('');
    await c.send('banana');
    await c.send('console');
    expect(c.out()).toContain('I could not read "banana" as a time.');
    expect(c.out()).toContain('"New announcement" was not sent. Answer again — press Enter to keep an answer');
    expect(c.out()).toContain('Press Enter to keep: Team meeting moved');
    await c.send(''); // keep the text
    await c.send('tomorrow 9am');
    await c.send(''); // keep "console"
    expect(c.out()).toContain('SCHEDULED: ANNOUNCEMENT');
    const upcoming = await c.h.services.announce.announcements.upcoming();
    expect(upcoming).toHaveLength(1);
  });
});
