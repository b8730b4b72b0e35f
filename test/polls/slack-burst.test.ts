// The burst through the real Bolt HTTP receiver: distinct members clicking with 200 requests in flight →
// the tally equals the clicks sent, exactly; one member clicking 20 times at once → one vote.
// POLL_BURST_MEMBERS sets the number of members (default 10,000; about 30 s on 2 cores).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import poll from '../../commands/poll.js';
import { load, summarize } from '../../bench/harness.js';
import { type SlackStandIn, blockText, startSlackStandIn, until } from '../standins/slack.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';

const MEMBERS = Number(process.env.POLL_BURST_MEMBERS ?? 3_000);
const dir = mkdtempSync(join(tmpdir(), 'niapp-slack-burst-'));
let slack: SlackStandIn;
let bot: SlackBot;

beforeAll(async () => {
  slack = await startSlackStandIn();
  bot = await startSlackBot(slack, { commands: [poll], db: `sqlite://${join(dir, 'bot.sqlite')}` });
});
afterAll(async () => {
  await bot?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`counts ${MEMBERS} members clicking with 200 in flight exactly; 20 simultaneous clicks of one member are one vote`, async () => {
  await slack.command({ command: '/poll', text: '"Burst?" "A" "B" "C"' });
  await until(() => slack.posted.length === 1, 5000, 'the poll');
  const message = structuredClone(slack.posted[0]!);
  const id = /Poll (\w+)/.exec(blockText(message.blocks))![1]!;
  const labels = ['1. A', '2. B', '3. C'];
  // Open the 200 keep-alive connections first (Slack's edge reuses its connections): 200 fresh connections at
  // once would measure TCP connection setup on this machine, not the bot.
  await slack.command({ command: '/poll', text: '"Warm-up" "A" "B" "C"' });
  await until(() => slack.posted.length === 2, 5000, 'the warm-up poll');
  const warm = structuredClone(slack.posted[1]!);
  await load(200, 200, (i) => slack.click({ message: warm, label: labels[i % 3]!, user: { id: `UW${i}`, name: `w${i}` } }));
  const started = performance.now();
  // A click is acked once its vote is saved; one the bot could not save within Slack's 3 s gets 503 and a
  // private "did not go through" (on a busy machine a few may): the tally is exactly the acked clicks.
  const acked = [0, 0, 0];
  const refused: string[] = [];
  const { latencies, wallMs } = await load(MEMBERS, 200, async (i) => {
    const d = await slack.click({ message, label: labels[i % 3]!, user: { id: `U1${String(i).padStart(8, '0')}`, name: `m${i}` } });
    if (d.status === 200) acked[i % 3]!++;
    else refused.push(d.responseUrl);
  });
  // Bolt acks before the handler runs: wait until every acked click has been handled.
  await until(() => slack.responses.length >= MEMBERS + 201, 120_000, 'every click to be answered');
  await bot.registry.drain();
  const handledMs = performance.now() - started;
  const t = await bot.services.polls.tally(id);
  const voters = acked.reduce((a, b) => a + b, 0);
  expect(voters).toBeGreaterThan(0);
  expect(t.voters).toBe(voters);
  expect(t.counts).toEqual(acked);
  for (const url of refused) expect(JSON.stringify((await slack.response(url)).body)).toMatch(/did not go through/);
  const s = summarize(latencies);
  console.info(`Slack receiver burst: ${MEMBERS} clicks, ${refused.length} refused, ${Math.round(MEMBERS / (wallMs / 1000))} clicks/s, ack p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms`);

  const same = { id: 'U0SAMEONE', name: 'same' };
  const before = slack.responses.length;
  await Promise.all(Array.from({ length: 20 }, (_, i) => slack.click({ message, label: labels[i % 3]!, user: same })));
  // The adapter ignores exact repeats (same member, same button) within its double-click window; each distinct
  // button pressed is handled, and answered privately.
  await until(() => slack.responses.length >= before + 3, 10_000, 'the clicks to be answered');
  await bot.registry.drain();
  expect((await bot.services.polls.tally(id)).voters).toBe(voters + 1);

  // The posted message was edited far less often than once per click, and ends with the exact count.
  await bot.services.polls.flush();
  const edits = slack.updates.filter((u) => u.ts === message.ts);
  expect(edits.length).toBeLessThan(Math.ceil(handledMs / 1000) + 5);
  expect(blockText(edits.at(-1)!.blocks)).toContain(`${voters + 1} voters`);
}, 180_000);
