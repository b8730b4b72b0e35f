// kill -9 of the bot process in the middle of a vote burst through the real Slack receiver. After a restart,
// every click that Slack got an ack for is in the tally: a quick handler (a vote) is acked after its write.
import { afterAll, expect, it } from 'vitest';
import { load } from '../../bench/harness.js';
import { LEADER } from '../standins/slack-payloads.js';
import { blockText, startSlackStandIn, until } from '../standins/slack.js';
import { type RunningBot, startBot, tempDb } from '../helpers/process.js';
import { freePort } from '../helpers/wait.js';

const slack = await startSlackStandIn();
const running: RunningBot[] = [];
afterAll(async () => {
  for (const b of running) b.kill();
  await slack.close();
});

async function start(env: Record<string, string>): Promise<RunningBot> {
  const bot = startBot(env);
  running.push(bot);
  await until(() => bot.stderr().includes('"msg":"ready"'), 40_000, 'the bot to be ready');
  return bot;
}

it('keeps every acknowledged vote when the process is killed mid-burst', async () => {
  const port = await freePort();
  const env = {
    BOT_DB: tempDb(),
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    SLACK_PORT: String(port),
    SLACK_LEADERS: LEADER.id,
  };
  slack.target = `http://127.0.0.1:${port}/slack/events`;
  const first = await start(env);

  await slack.command({ command: '/poll', text: '"Keep every vote?" "Yes" "No" --public', user: LEADER });
  await until(() => slack.posted.length === 1, 5000, 'the poll');
  const message = structuredClone(slack.posted[0]!);
  const id = /Poll (\w+)/.exec(blockText(message.blocks))![1]!;

  const TOTAL = 3000;
  const KILL_AT = 800;
  const userOf = new Map<string, string>(); // response_url → member
  const acked = new Set<string>();
  const sent = new Set<string>();
  await load(TOTAL, 100, async (i) => {
    if (i === KILL_AT) first.kill('SIGKILL');
    const user = { id: `U9${String(i).padStart(7, '0')}`, name: `v${i}` };
    sent.add(user.id);
    try {
      const d = await slack.click({ message, label: i % 2 ? '2. No' : '1. Yes', user });
      userOf.set(d.responseUrl, user.id);
      if (d.status === 200) acked.add(user.id);
    } catch {
      // connection refused once the process is gone: the member's click did not reach the bot
    }
  });
  await new Promise((r) => setTimeout(r, 300));
  const confirmed = new Set(
    slack.responses.filter((r) => userOf.has(r.url) && /recorded|your vote|you chose/i.test(JSON.stringify(r.body))).map((r) => userOf.get(r.url)!),
  );
  expect(confirmed.size).toBeGreaterThan(100); // the kill really came in the middle
  expect(confirmed.size).toBeLessThan(TOTAL);

  await start(env);
  const before = slack.uploads.length;
  await slack.command({ command: '/poll', text: `export ${id}`, user: LEADER });
  await until(() => slack.uploads.slice(before).some((u) => u.filename.endsWith('votes.csv') && u.bytes.length), 10_000, 'the CSV');
  // The upload arrives as the multipart body Slack receives; the vote rows are the lines that start with the poll id.
  const upload = slack.uploads.slice(before).find((u) => u.filename.endsWith('votes.csv'))!.bytes.toString('utf8');
  const rows = upload.split(/\r?\n/).filter((line) => line.startsWith(`${id},`));
  const inTally = new Set(rows.map((row) => row.split(',').at(-2)!.replace(/^slack:/, '')));

  expect(rows.length).toBe(inTally.size); // one row per member
  expect([...acked].filter((u) => !inTally.has(u))).toEqual([]);
  expect([...confirmed].filter((u) => !inTally.has(u))).toEqual([]);
  expect([...inTally].filter((u) => !sent.has(u))).toEqual([]); // every vote is a click that was sent
  console.info(`kill -9 mid-burst: ${acked.size} clicks acked, ${confirmed.size} confirmed, ${inTally.size} in the tally after restart; none acked was lost`);
}, 90_000);
