// Polls through the real Bolt HTTP receiver against the Slack stand-in: create, vote, change, limits, close,
// results, export (the burst is in slack-burst.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import niapp from '../../commands/niapp.js';
import poll from '../../commands/poll.js';
import { type Block, type Posted, type SlackStandIn, blockText, startSlackStandIn, until } from '../standins/slack.js';
import { CHANNEL, LEADER, MEMBER } from '../standins/slack-payloads.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';

const dir = mkdtempSync(join(tmpdir(), 'niapp-slack-polls-'));
let slack: SlackStandIn;
let bot: SlackBot;

beforeAll(async () => {
  slack = await startSlackStandIn();
  bot = await startSlackBot(slack, { commands: [poll, niapp], db: `sqlite://${join(dir, 'bot.sqlite')}` });
});
afterAll(async () => {
  await bot?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ephemeralTo = async (responseUrl: string) => {
  await until(() => slack.responses.some((r) => r.url === responseUrl), 5000, `a response to ${responseUrl}`);
  const r = slack.responses.find((x) => x.url === responseUrl)!;
  expect(r.body.response_type).toBe('ephemeral');
  return blockText(r.body.blocks as Block[]) || String(r.body.text);
};
const idOf = (p: Posted) => /Poll (\w+)/.exec(blockText(p.blocks))![1]!;
const createPoll = async (text: string, user = MEMBER) => {
  const before = slack.posted.length;
  await slack.command({ command: '/poll', text, user });
  await until(() => slack.posted.length > before, 5000, 'the poll to be posted');
  return slack.posted.at(-1)!;
};
const user = (i: number) => ({ id: `U1${String(i).padStart(8, '0')}`, name: `member${i}` });

describe('polls on Slack', () => {
  it('creates, records a vote, changes it, and edits the posted tally', async () => {
    const message = await createPoll('"Should supervision hours be paid?" "Yes" "No"');
    expect(message.channel).toBe(CHANNEL);
    const id = idOf(message);
    expect(await ephemeralTo((await slack.click({ message, label: '1. Yes' })).responseUrl)).toContain('Your vote is recorded: *Yes*');
    expect(await ephemeralTo((await slack.click({ message, label: '2. No' })).responseUrl)).toContain('Your vote is recorded: *No*');
    await bot.services.polls.flush();
    const edited = slack.updates.filter((u) => u.ts === message.ts).at(-1)!;
    expect(blockText(edited.blocks)).toContain('1 voter');
    expect(await bot.services.polls.tally(id)).toMatchObject({ voters: 1, counts: [0, 1] });
  });

  it('opens a form for /poll with no arguments; a bad form gets per-field errors; a good one posts the poll', async () => {
    const before = slack.views.length;
    await slack.command({ command: '/poll', text: '' });
    await until(() => slack.views.length > before, 5000, 'the form');
    const view = slack.views.at(-1)!;
    const bad = await slack.submitView(view, { question: 'Which day?', options: 'Monday' }, MEMBER);
    expect(JSON.parse(bad.body)).toEqual({ response_action: 'errors', errors: { options: 'Give at least 2 options, one per line.' } });
    const posts = slack.posted.length;
    await slack.submitView(view, { question: 'Which day?', options: 'Monday\nFriday\n', closes: '3d', settings: '--comments' }, MEMBER);
    await until(() => slack.posted.length > posts, 5000, 'the poll');
    const message = slack.posted.at(-1)!;
    expect(blockText(message.blocks)).toContain('Which day?');
    expect(blockText(message.blocks)).toContain('Closes Wed Nov 25, 9:00 AM CST');

    // The comment button opens a form too; the comment is saved anonymously.
    const views = slack.views.length;
    await slack.click({ message, label: 'Add a comment' });
    await until(() => slack.views.length > views, 5000, 'the comment form');
    await slack.submitView(slack.views.at(-1)!, { comment: 'Fridays are hard for night-shift peers.' }, MEMBER);
    await until(() => slack.ephemerals.some((e) => e.user === MEMBER.id && blockText(e.blocks).includes('Your comment on')), 5000, 'the comment confirmation');
    const id = idOf(message);
    expect((await bot.services.polls.commentsOf(id))).toEqual(['Fridays are hard for night-shift peers.']);
  });

  it('enforces --max in multi-choice with a private message, changing nothing', async () => {
    const message = await createPoll('"Priorities?" "Pay" "Billing" "Supervision" --max 2');
    await ephemeralTo((await slack.click({ message, label: '1. Pay' })).responseUrl);
    await ephemeralTo((await slack.click({ message, label: '2. Billing' })).responseUrl);
    const refused = await ephemeralTo((await slack.click({ message, label: '3. Supervision' })).responseUrl);
    expect(refused).toContain('You can pick at most 2 options');
    expect(await bot.services.polls.tally(idOf(message))).toMatchObject({ voters: 1, counts: [1, 1, 0] });
  });

  it('refuses closing by another member; closes for leadership; votes after close change nothing; exports as files', async () => {
    slack.channels[CHANNEL] = { members: ['U0LEADER', user(1).id, user(2).id, user(3).id], isMember: true };
    const message = await createPoll('"Raise dues?" "Yes" "No"');
    const asPosted = structuredClone(message); // chat.update edits the stand-in's copy; members still hold this one
    const id = idOf(message);
    await ephemeralTo((await slack.click({ message, label: '1. Yes', user: user(1) })).responseUrl);
    expect(await ephemeralTo((await slack.command({ command: '/poll', text: `close ${id}`, user: user(2) })).responseUrl)).toContain('Only the member who created this poll');
    const closing = await slack.command({ command: '/poll', text: `close ${id}`, user: LEADER });
    expect(await ephemeralTo(closing.responseUrl)).toContain(`Poll *${id}* is closed with 1 voter`);
    await until(() => slack.posted.some((p) => blockText(p.blocks).includes('Poll closed — final results')), 5000, 'final results');
    expect(await ephemeralTo((await slack.click({ message: asPosted, label: '2. No', user: user(3) })).responseUrl)).toContain('so nothing was recorded');
    expect(await ephemeralTo((await slack.command({ command: '/poll', text: `results ${id}`, user: user(3) })).responseUrl)).toContain('100% (1)');
    const exported = await slack.command({ command: '/poll', text: `export ${id}`, user: LEADER });
    expect(await ephemeralTo(exported.responseUrl)).toContain('I sent you');
    await until(() => slack.uploads.filter((u) => /-(votes\.csv|report\.md)$/.test(u.filename) && u.filename.startsWith(`poll-${id}`) && u.bytes.length).length === 2, 5000, 'two uploads');
    const csv = slack.uploads.find((u) => u.filename === `poll-${id}-votes.csv`)!.bytes.toString('utf8');
    expect(csv).toContain(`poll,Yes,No\n${id},1,0\n`);
    expect(csv).not.toContain(user(1).id);
    const report = slack.uploads.find((u) => u.filename === `poll-${id}-report.md`)!.bytes.toString('utf8');
    expect(report).toContain('- **Eligible members:** 4');
    expect(report).toContain('- **Response rate:** 25%');
    expect(report).toContain('Fewer than 5 members responded, so the results are not reported');
  });
});
