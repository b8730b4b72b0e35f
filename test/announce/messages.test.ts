// The answers a new user met that were wrong or unclear (issue 18): each input gets one clear private message
// saying what was wrong and how to write it; leadership's poll actions are in the audit log.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { root } from '../helpers/process.js';
import { leader, member } from '../helpers/context.js';
import { postedPoll, press } from '../polls/helpers.js';
import { announceHarness } from './setup.js';

type H = Awaited<ReturnType<typeof announceHarness>>;
let h: H;
beforeEach(async () => {
  h = await announceHarness();
});
afterEach(() => h.close());

const only = (said: { kind: string; text: string }[]) => {
  expect(said.map((s) => s.kind)).toEqual(['ephemeral']);
  return said[0]!.text;
};

describe('messages', () => {
  it('--since tomorrow: one message saying how to write the date', async () => {
    const text = only(await h.run('/cert unanswered --since tomorrow'));
    expect(text).toContain('--since: must be a date written YYYY-MM-DD, e.g. 2026-11-01');
    expect(text.match(/must be/g)).toHaveLength(1);
  });

  it('an impossible clock time (25:00) is named as such, not "add a time"', async () => {
    const text = only(await h.run('/announce at "2026-12-25 25:00" "Holiday hours"'));
    expect(text).toContain('25:00 is not a time of day: hours go from 0 to 23');
    expect(text).not.toContain('25:00 9am');
    expect(await h.services.announce.scheduler.schedules.list()).toEqual([]);
  });

  it('--max 5 on two options says to leave out --max, not "from 2 to 2"', async () => {
    const text = only(await h.run('/poll "Meet monthly?" "Yes" "No" --max 5'));
    expect(text).toContain('--max 5 needs more options: with 2 options, leave out --max');
    expect(text).not.toContain('from 2 to 2');
  });

  it('an unquoted question is not cut at its first word: the member is asked for quotes', async () => {
    const text = only(await h.run('/poll Unquoted question here Yes No', member('alice')));
    expect(text).toContain('Put the question and each option in quotes');
    expect(text).toContain('/poll "Unquoted question here" "Yes" "No"');
    expect(await h.services.polls.listOpen()).toEqual([]);
    // Quoted, or a one-word question with two options, still works.
    postedPoll(await h.run('/poll "Unquoted question here" Yes No', member('alice')));
    postedPoll(await h.run('/poll Lunch? Pizza Tacos Salad', member('alice')));
    // A quoted one-word question is what the member meant, however many options follow.
    postedPoll(await h.run('/poll "Warm-up" "A" "B" "C"', member('alice')));
  });

  it('/poll remind counts everyone who voted (three voters, not channel members the bot can list)', async () => {
    h.services.outlets.get('console')!.members = async () => ['erin', 'finn'];
    const said = await h.run('/poll "Dues?" "Yes" "No"', leader());
    const { id, message } = postedPoll(said);
    for (const who of ['alice', 'bob', 'carol']) await press(h, member(who), message, 'Yes');
    const text = (await h.run(`/poll remind ${id}`)).find((s) => s.kind === 'ephemeral')!.text;
    expect(text).toContain('Reminded 2 members privately; 3 members have already voted and were not contacted.');
  });

  it('poll close, export and remind are in the audit log with who did them', async () => {
    const { id, message } = postedPoll(await h.run('/poll "Dues?" "Yes" "No"', leader()));
    await press(h, member('alice'), message, 'Yes');
    await h.run(`/poll remind ${id}`);
    await h.run(`/poll export ${id}`);
    await h.run(`/poll close ${id}`);
    const log = only(await h.run('/announce log'));
    expect(log).toMatch(new RegExp(`poll-reminded ${id} by lead \\(console\\)`));
    expect(log).toMatch(new RegExp(`poll-exported ${id} by lead \\(console\\): poll "Dues\\?" exported \\(1 voter\\(s\\)\\)`));
    expect(log).toMatch(new RegExp(`poll-closed ${id} by lead \\(console\\): poll "Dues\\?" closed with 1 voter\\(s\\)`));
  });

  it('npm run slack:manifest -- --bogus: one line and the usage, no stack trace', () => {
    const r = spawnSync('npx', ['tsx', 'scripts/slack-manifest.ts', '--bogus'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--bogus'");
    expect(r.stderr).toContain('Usage: npm run slack:manifest --');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
