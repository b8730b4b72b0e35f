// Anonymity through the real Slack receiver: after an anonymous poll voted on by Slack clicks, no voter's raw
// Slack id may be left anywhere in the sqlite file. (This once failed: the Slack adapter's double-click guard
// stored `click:<user id>:…:<option>` claims in the store; it now keeps them in memory only.)
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
  const namespaces = ['polls', 'poll-votes', 'poll-comments', 'poll-ballots', 'poll-notes', 'poll-results', 'poll-posts', 'poll-announced'];
  const pollRecords = JSON.stringify(await Promise.all(namespaces.map((ns) => bot.services.store.scan(ns, ''))));
  await bot.close();
  await slack.close();
  return { dbBytes: Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f)))), pollRecords };
}

const run = runAnonymousPoll();

it('the poll service stores no raw voter id', async () => {
  const { pollRecords } = await run;
  expect(pollRecords).toContain('"ballots"');
  for (const v of voters) expect(pollRecords).not.toContain(v);
});

it('no raw voter id is anywhere in the database file', async () => {
  const { dbBytes } = await run;
  for (const v of voters) expect(dbBytes.includes(v), `${v} is in the database file`).toBe(false);
});
