// Posting outside interactions (Outlet), file uploads, the leader group, and dedupe across a restart,
// through the real Bolt WebClient against the stand-in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineLeaf } from '../../src/core/command.js';
import { leaderOnly } from '../../src/core/guards.js';
import type { Outlet } from '../../src/core/context.js';
import { blockText, type SlackStandIn, startSlackStandIn, until } from '../standins/slack.js';
import { MEMBER } from '../standins/slack-payloads.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';

const exported: string[] = [];
const exportCommand = defineCommand({
  name: 'export',
  description: 'Export a CSV',
  leaf: defineLeaf({
    name: 'export',
    description: 'Export a CSV',
    options: { rows: z.number().int().min(1).max(5).default(2).describe('Rows') },
    guards: [leaderOnly],
    async run(ctx, { rows }) {
      exported.push(ctx.actor.id);
      const csv = ['name,votes', ...Array.from({ length: rows }, (_, i) => `option ${i + 1},${i}`)].join('\n');
      await ctx.ephemeral({ text: 'Here is the export.', attachments: [{ filename: 'poll.csv', contentType: 'text/csv', content: csv }] });
    },
  }),
});

let slack: SlackStandIn;
let bot: SlackBot;
let outlet: Outlet;

beforeAll(async () => {
  slack = await startSlackStandIn();
  slack.usergroups.S0LEADERS = ['U0GROUPLEAD'];
  slack.channels.C0ANNOUNCE = { members: ['U1', 'U0BOT', 'U2', 'U3'], isMember: true }; // U0BOT: the bot itself (auth.test)
  slack.channels.C0PRIVATE = { members: ['U1'], isMember: false };
  bot = await startSlackBot(slack, { commands: [exportCommand], env: { SLACK_LEADER_GROUP: 'S0LEADERS', SLACK_ANNOUNCE_CHANNEL: 'C0ANNOUNCE' } });
  outlet = bot.services.outlets.get('slack')!;
});
afterAll(async () => {
  await bot?.close();
  await slack?.close();
});

describe('Slack outlet', () => {
  it('is registered with the announce channel', () => {
    expect(outlet.platform).toBe('slack');
    expect(outlet.announceChannel).toBe('C0ANNOUNCE');
  });

  it('posts exactly once after a 429 with Retry-After, and returns the ts for later edits', async () => {
    const before = slack.posted.length;
    slack.fail('chat.postMessage', { status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const ref = await outlet.post('C0ANNOUNCE', { title: 'Training', text: 'CRSS renewal session **Friday**', ping: { kind: 'here' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // waited for Retry-After
    expect(slack.posted.length - before).toBe(1);
    const p = slack.posted.at(-1)!;
    expect(ref).toEqual({ platform: 'slack', channelId: 'C0ANNOUNCE', messageId: p.ts });
    expect(p.text.startsWith('<!here> ')).toBe(true);
    await outlet.update(ref, { text: 'Moved to Saturday' });
    expect(blockText(p.blocks)).toBe('Moved to Saturday');
  });

  it('posts exactly once after a 500', async () => {
    const before = slack.posted.length;
    slack.fail('chat.postMessage', { status: 500 });
    await outlet.post('C0ANNOUNCE', { text: 'after a 500' });
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage' && c.fault === 500)).toHaveLength(1);
    expect(slack.posted.slice(before).map((p) => p.text)).toEqual(['after a 500']);
  });

  it('knows where it can post, who is in a channel, and sends direct messages', async () => {
    expect(await outlet.canPost('C0ANNOUNCE')).toBe(true);
    expect(await outlet.canPost('C0PRIVATE')).toBe(false);
    expect(await outlet.canPost('C0MISSING')).toBe(false);
    expect(await outlet.members!('C0ANNOUNCE')).toEqual(['U1', 'U2', 'U3']); // the bot is not an eligible member
    expect(await outlet.dm('U0MEMBER', { text: 'Reminder: event tomorrow' })).toBe(true);
    expect(slack.posted.at(-1)).toMatchObject({ channel: 'DU0MEMBER', text: 'Reminder: event tomorrow' });
  });

  it('uploads an export with the files.uploadV2 flow to the leader privately; the group leader is a leader', async () => {
    const d = await slack.command({ command: '/export', text: '--rows 3', user: { id: 'U0GROUPLEAD', name: 'sam' } });
    await until(() => slack.responses.some((r) => r.url === d.responseUrl));
    const methods = slack.calls.map((c) => c.method);
    expect(methods).toContain('usergroups.users.list');
    const upload = slack.uploads.at(-1)!;
    expect(upload).toMatchObject({ filename: 'poll.csv', channel: 'DU0GROUPLEAD' });
    expect(upload.bytes.toString('utf8')).toContain('option 3,2');
    const r = slack.responses.find((x) => x.url === d.responseUrl)!;
    expect(r.body.response_type).toBe('ephemeral');
    expect(blockText(r.body.blocks as never)).toContain('I sent you poll.csv in a direct message.');
    // A member is refused, and the leader group was read once (cached).
    const m = await slack.command({ command: '/export', user: MEMBER });
    await until(() => slack.responses.some((x) => x.url === m.responseUrl));
    expect(slack.responses.find((x) => x.url === m.responseUrl)!.body.text).toContain('Only NIAPP leadership');
    expect(slack.callsTo('usergroups.users.list')).toHaveLength(1);
    expect(exported).toEqual(['U0GROUPLEAD']);
  });
});

describe('dedupe across a restart', () => {
  it('ignores a retried delivery that arrives after the bot restarted on the same store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slack-dedupe-'));
    const db = `sqlite://${join(dir, 'bot.sqlite')}`;
    const standIn = await startSlackStandIn();
    try {
      let bot1 = await startSlackBot(standIn, { commands: [exportCommand], db, env: { SLACK_LEADERS: 'U0LEADER' } });
      const first = await standIn.command({ command: '/export', user: { id: 'U0LEADER' } });
      await until(() => standIn.responses.length === 1);
      await bot1.close();
      bot1 = await startSlackBot(standIn, { commands: [exportCommand], db });
      const retry = await standIn.command({ command: '/export', user: { id: 'U0LEADER' } }, { retryNum: 1, ids: first });
      expect(retry.status).toBe(200);
      await new Promise((r) => setTimeout(r, 150));
      expect(standIn.responses).toHaveLength(1);
      await bot1.close();
    } finally {
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
