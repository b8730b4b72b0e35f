// Failed tally edits are retried until the poll message shows the true tally, through the real Bolt WebClient and
// the real discord.js REST client: the platform answers edits with server errors and a reset connection several
// times, votes keep coming meanwhile, then edits work again. The message ends on the true tally, no older tally is
// ever applied after a newer one, and no "stale" mark is left in the store. A mark left by a stopped bot is picked
// up at the next start. Each `flush()` is one attempt of the bot's (instead of waiting for the backoff's timers).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import niapp from '../../commands/niapp.js';
import poll from '../../commands/poll.js';
import type { Services } from '../../src/services/index.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';
import { type Block, type Posted, type SlackStandIn, blockText, startSlackStandIn, until } from '../standins/slack.js';
import { startSlackBot } from '../standins/slack-bot.js';
import { LEADER } from '../standins/slack-payloads.js';
import { type RunningBot, tempDb } from '../helpers/process.js';
import { botEnv, startReadyBot } from './vote-burst.js';

const dir = mkdtempSync(join(tmpdir(), 'niapp-tally-edits-'));
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const voters = (text: string): number => Number(/(\d+) voters?\b/.exec(text)?.[1] ?? Number.NaN);
const staleMarks = (services: Services) => services.store.scan('poll-stale', '');
/**
 * Flushes (one attempt each) until the message shows `done()` and no mark is left (an edit carried out but whose
 * answer was lost leaves its mark until an edit is confirmed), at most `max` times; returns how many it took.
 */
async function flushUntil(services: Services, done: () => boolean, max = 12): Promise<number> {
  let n = 0;
  while (!(done() && !(await staleMarks(services)).length) && n < max) {
    await services.polls.flush();
    n++;
  }
  return n;
}
const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

describe('tally edits on Slack', () => {
  async function slackBot(slack: SlackStandIn, db: string) {
    const bot = await startSlackBot(slack, { commands: [poll, niapp], db: `sqlite://${join(dir, db)}` });
    const close = async () => {
      await bot.services.polls.stop();
      await bot.close();
    };
    closers.push(close);
    return { bot, close };
  }
  const createPoll = async (slack: SlackStandIn, question: string) => {
    const before = slack.posted.length;
    await slack.command({ command: '/poll', text: `"${question}" "Yes" "No"`, user: { id: 'U0MEMBER1', name: 'member' } });
    await until(() => slack.posted.length > before, 10_000, 'the poll to be posted');
    const message = slack.posted.at(-1)!;
    return { message, id: /Poll (\w+)/.exec(blockText(message.blocks))![1]! };
  };
  const vote = async (slack: SlackStandIn, message: Posted, i: number) => {
    const asPosted = { ...message, blocks: structuredClone(message.blocks) };
    const { responseUrl } = await slack.click({ message: asPosted, label: '1. Yes', user: { id: `U7${String(i).padStart(8, '0')}`, name: `m${i}` } });
    const r = await slack.response(responseUrl);
    expect(blockText(r.body.blocks as Block[]) || String(r.body.text)).toContain('Your vote is recorded');
  };
  const shown = (message: Posted) => voters(blockText(message.blocks));
  const applied = (slack: SlackStandIn, message: Posted) => slack.updates.filter((u) => u.ts === message.ts).map((u) => voters(blockText(u.blocks)));

  it('503s and a reset, then success: the message ends on the true tally and never goes back', async () => {
    const slack = await startSlackStandIn();
    closers.push(() => slack.close());
    const { bot } = await slackBot(slack, 'a.sqlite');
    const { message, id } = await createPoll(slack, 'Tally under faults?');
    await vote(slack, message, 1);
    await bot.services.polls.flush();
    expect(shown(message)).toBe(1);

    // Every attempt of the bot is up to three calls (WebClient's own retries in the test setup): 8 server errors
    // fail the next attempts, then one edit is carried out but its connection reset, then edits work.
    slack.fail('chat.update', ...Array.from({ length: 8 }, () => ({ status: 503 })));
    slack.resetAfterDoing('chat.update', 1);
    for (let i = 2; i <= 4; i++) await vote(slack, message, i);
    await flushUntil(bot.services, () => shown(message) === 4);

    expect(shown(message)).toBe(4); // what members see: the true tally
    expect(slack.calls.filter((c) => c.method === 'chat.update' && c.fault === 503)).toHaveLength(8);
    expect(await bot.services.polls.tally(id)).toMatchObject({ voters: 4 });
    expect(applied(slack, message)).toSatisfy(nonDecreasing);
    expect(await staleMarks(bot.services)).toEqual([]);
  });

  it('a message left stale by a stopped bot is edited at the next start', async () => {
    const slack = await startSlackStandIn();
    closers.push(() => slack.close());
    const first = await slackBot(slack, 'b.sqlite');
    const { message } = await createPoll(slack, 'Tally across a restart?');
    await vote(slack, message, 1);
    await first.bot.services.polls.flush();
    expect(shown(message)).toBe(1);

    slack.fail('chat.update', ...Array.from({ length: 1000 }, () => ({ status: 500 })));
    for (let i = 2; i <= 3; i++) await vote(slack, message, i);
    await first.bot.services.polls.flush();
    await first.close(); // stopping tries once more, and fails
    expect(shown(message)).toBe(1);

    slack.heal('chat.update');
    const second = await slackBot(slack, 'b.sqlite');
    await second.bot.services.polls.start();
    await until(() => shown(message) === 3, 20_000, 'the restarted bot to edit the message');
    await second.bot.services.polls.flush(); // lets the edit that was seen finish (its mark is cleared after it)
    expect(await staleMarks(second.bot.services)).toEqual([]);
    expect(applied(slack, message)).toSatisfy(nonDecreasing);
  });
});

describe('tally edits across kill -9 (real bot processes)', () => {
  it('the bot killed while edits fail: the restarted bot edits the message to the true tally', async () => {
    const slack = await startSlackStandIn();
    const running: RunningBot[] = [];
    closers.push(() => slack.close(), async () => running.forEach((b) => b.kill()));
    const env = await botEnv(slack, tempDb());
    const first = await startReadyBot(env, running);
    await slack.command({ command: '/poll', text: '"Tally after a crash?" "Yes" "No"', user: LEADER });
    await until(() => slack.posted.length > 0, 20_000, 'the poll');
    const message = slack.posted.at(-1)!;
    const shown = () => voters(blockText(message.blocks));
    const vote = async (i: number) => {
      const { responseUrl } = await slack.click({ message: { ...message, blocks: structuredClone(message.blocks) }, label: '2. No', user: { id: `U8${String(i).padStart(8, '0')}`, name: `k${i}` } });
      const r = await slack.response(responseUrl);
      expect(blockText(r.body.blocks as Block[]) || String(r.body.text)).toContain('Your vote is recorded');
    };
    await vote(1);
    await until(() => shown() === 1, 20_000, 'the first tally edit');

    slack.fail('chat.update', ...Array.from({ length: 10_000 }, () => ({ status: 500 })));
    for (let i = 2; i <= 4; i++) await vote(i); // each member was told "recorded"
    first.kill('SIGKILL');
    await first.stop();
    expect(shown()).toBe(1);

    slack.heal('chat.update');
    await startReadyBot(env, running);
    await until(() => shown() === 4, 30_000, 'the restarted bot to edit the message');
    expect(slack.updates.filter((u) => u.ts === message.ts).map((u) => voters(blockText(u.blocks)))).toSatisfy(nonDecreasing);
  }, 120_000);
});

describe('tally edits on Discord', () => {
  let bot: DiscordBot;
  it('503s and a reset, then success: the message ends on the true tally and never goes back', async () => {
    bot = await startDiscordBot([poll, niapp], { adapter: { autoDeferMs: 100 } });
    closers.push(() => bot.close());
    bot.h.services.outlets.remove('console');
    const stand = bot.stand;
    const sent = stand.slash('poll', [{ name: 'create', type: 1, options: [{ name: 'question', type: 3, value: 'Tally under faults?' }, { name: 'option1', type: 3, value: 'Yes' }, { name: 'option2', type: 3, value: 'No' }] }], { id: '1200000000000000777', name: 'Alice' });
    const posted = await stand.waitFor((c) => c.token === sent.token && JSON.stringify(c.body ?? '').includes('Member poll'), 10_000);
    const body = posted.body.data ?? posted.body;
    const id = /Poll (\w+)/.exec(JSON.stringify(body))![1]!;
    const message = stand.message(stand.channelIds[0]!, body);
    const yes = body.components.flatMap((r: any) => r.components).find((c: any) => c.label === '1. Yes').custom_id as string;
    const vote = async (i: number) => {
      const click = stand.click(yes, message, { id: `12000000000000019${String(i).padStart(2, '0')}`, name: `m${i}` });
      await stand.waitFor((c) => c.token === click.token && JSON.stringify(c.body ?? '').includes('Your vote is recorded'), 10_000);
    };
    const edit = /^\/channels\/\d+\/messages\/\d+$/;
    const applied = () => stand.calls.filter((c) => c.method === 'PATCH' && edit.test(c.path) && JSON.stringify(c.body).includes(`Poll ${id}`)).map((c) => voters(JSON.stringify(c.body)));
    const shown = () => applied().at(-1);

    await vote(1);
    await bot.h.services.polls.flush();
    expect(shown()).toBe(1);

    // discord.js retries a 5xx itself (3 times): 6 server errors fail one attempt and part of the next; then one
    // edit is carried out with its connection reset; then edits work.
    stand.failNext('PATCH', edit, 503, 6);
    stand.resetAfterDoing('PATCH', edit);
    for (let i = 2; i <= 4; i++) await vote(i);
    await flushUntil(bot.h.services, () => shown() === 4);

    expect(shown()).toBe(4);
    expect(stand.serverErrors).toBe(6);
    expect(await bot.h.services.polls.tally(id)).toMatchObject({ voters: 4 });
    expect(applied()).toSatisfy(nonDecreasing);
    expect(await staleMarks(bot.h.services)).toEqual([]);
  });
});
