// Anonymity through the real Slack receiver: after an anonymous poll voted on by Slack clicks, is any voter's
// raw Slack id left in the sqlite file? The poll service stores none. The Slack adapter's double-click guard
// stores `click:<user id>:<channel>:<ts>:<action>:<value>` claims (3 s TTL, never purged), which puts each
// voter's id next to the option they chose — a leak outside src/services/polls, reported to the lead.
// `it.fails` pins that finding: when the adapter keeps click keys in memory (or unlinkable), this test starts
// "failing" — then change it to `it` so that it guards the fix.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import poll from '../../commands/poll.js';
import { blockText, startSlackStandIn, until } from '../standins/slack.js';
import { LEADER } from '../standins/slack-payloads.js';
import { startSlackBot } from '../standins/slack-bot.js';

const dir = mkdtempSync(join(tmpdir(), 'niapp-slack-anon-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const voters = ['U07SLKVOTERA', 'U07SLKVOTERB', 'U07SLKVOTERC', 'U07SLKVOTERD', 'U07SLKVOTERE'];

async function runAnonymousPoll(): Promise<{ dbBytes: Buffer; pollRecords: string }> {
  const slack = await startSlackStandIn();
  const bot = await startSlackBot(slack, { commands: [poll], db: `sqlite://${join(dir, 'bot.sqlite')}` });
  await slack.command({ command: '/poll', text: '"Anonymous?" "Yes" "No"', user: LEADER });
  await until(() => slack.posted.length === 1, 5000, 'the poll');
  const message = structuredClone(slack.posted[0]!);
  const id = /Poll (\w+)/.exec(blockText(message.blocks))![1]!;
  for (const [i, v] of voters.entries()) await slack.click({ message, label: i % 2 ? '2. No' : '1. Yes', user: { id: v, name: v } });
  await until(() => slack.responses.length >= voters.length + 1, 5000, 'every vote answered');
  await slack.command({ command: '/poll', text: `close ${id}`, user: LEADER });
  await until(() => slack.posted.length === 2, 5000, 'the final results');
  // Everything the poll service keeps about this poll, read back from the store:
  const namespaces = ['polls', 'poll-votes', 'poll-comments', 'poll-salts', 'poll-posts', 'poll-announced'];
  const pollRecords = JSON.stringify(await Promise.all(namespaces.map((ns) => bot.services.store.scan(ns, ''))));
  await bot.close();
  await slack.close();
  return { dbBytes: Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f)))), pollRecords };
}

const run = runAnonymousPoll();

it('the poll service stores no raw voter id', async () => {
  const { pollRecords } = await run;
  expect(pollRecords).toContain('"choices"');
  for (const v of voters) expect(pollRecords).not.toContain(v);
});

it.fails('no raw voter id is anywhere in the database file (fails today: the Slack adapter\'s click dedupe keys)', async () => {
  const { dbBytes } = await run;
  for (const v of voters) expect(dbBytes.includes(v), `${v} is in the database file`).toBe(false);
});
