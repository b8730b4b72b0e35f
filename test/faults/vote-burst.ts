// A vote burst through the real Slack receiver of a real bot process, killed with SIGKILL in the middle, then
// restarted and asked for the poll's CSV export: which acknowledged votes survived? Shared by the fault tests
// and the bench. `during(i)` lets a test do something else mid-burst (e.g. stall the store with SIGSTOP).
import { spawn, type ChildProcess } from 'node:child_process';
import { load } from '../../bench/harness.js';
import { LEADER } from '../standins/slack-payloads.js';
import { blockText, type SlackStandIn, until } from '../standins/slack.js';
import { type RunningBot, startBot } from '../helpers/process.js';
import { freePort } from '../helpers/wait.js';

export interface BurstResult {
  /** Members whose click got HTTP 200 from the bot. */
  acked: Set<string>;
  /** Members told privately that their vote was recorded. */
  confirmed: Set<string>;
  /** Members told privately that their click did not go through. */
  refused: Set<string>;
  /** Members in the CSV export after the restart. */
  inTally: Set<string>;
  /** Acknowledged or confirmed, yet missing after the restart (must be empty). */
  lost: string[];
  rows: number;
}

export async function startReadyBot(env: Record<string, string>, running: RunningBot[]): Promise<RunningBot> {
  const bot = startBot(env);
  running.push(bot);
  await until(() => bot.stderr().includes('"msg":"ready"'), 40_000, 'the bot to be ready').catch((err: Error) => {
    throw new Error(`${err.message}\n${bot.stderr()}`);
  });
  return bot;
}

export async function botEnv(slack: SlackStandIn, db: string): Promise<Record<string, string>> {
  const port = await freePort();
  slack.target = `http://127.0.0.1:${port}/slack/events`;
  return {
    BOT_DB: db,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_PORT: String(port),
    SLACK_LEADERS: LEADER.id,
    ...(process.env.BURST_LOG ? { LOG_LEVEL: process.env.BURST_LOG } : {}),
  };
}

export async function voteBurstUnderKill(
  slack: SlackStandIn,
  env: Record<string, string>,
  running: RunningBot[],
  o: { total: number; inFlight: number; killAt: number; during?: (i: number) => void; afterKill?: () => Promise<void> },
): Promise<BurstResult> {
  const first = await startReadyBot(env, running);
  const before = slack.posted.length;
  await slack.command({ command: '/poll', text: '"Keep every vote?" "Yes" "No" --public', user: LEADER });
  await until(() => slack.posted.length > before, 5000, 'the poll');
  const message = structuredClone(slack.posted.at(-1)!);
  const id = /Poll (\w+)/.exec(blockText(message.blocks))![1]!;

  const userOf = new Map<string, string>(); // response_url → member
  const acked = new Set<string>();
  const sent = new Set<string>();
  await load(o.total, o.inFlight, async (i) => {
    if (i === o.killAt) first.kill('SIGKILL');
    o.during?.(i);
    const user = { id: `U9${String(i).padStart(7, '0')}`, name: `v${i}` };
    sent.add(user.id);
    try {
      const d = await slack.click({ message, label: i % 2 ? '2. No' : '1. Yes', user });
      userOf.set(d.responseUrl, user.id);
      if (d.status === 200) acked.add(user.id);
    } catch {
      // connection refused or reset once the process is gone: the click did not reach the bot
    }
  });
  await new Promise((r) => setTimeout(r, 300));
  const said = (re: RegExp) => new Set(slack.responses.filter((r) => userOf.has(r.url) && re.test(JSON.stringify(r.body))).map((r) => userOf.get(r.url)!));
  const confirmed = said(/recorded|your vote|you chose/i);
  const refused = said(/did not go through/i);
  await o.afterKill?.();

  await startReadyBot(env, running);
  const uploads = slack.uploads.length;
  await slack.command({ command: '/poll', text: `export ${id}`, user: LEADER });
  await until(() => slack.uploads.slice(uploads).some((u) => u.filename.endsWith('votes.csv') && u.bytes.length), 15_000, 'the CSV');
  const csv = slack.uploads.slice(uploads).find((u) => u.filename.endsWith('votes.csv'))!.bytes.toString('utf8');
  const rows = csv.split(/\r?\n/).filter((line) => line.startsWith(`${id},`));
  const inTally = new Set(rows.map((row) => row.split(',').at(-2)!.replace(/^slack:/, '')));
  const stray = [...inTally].filter((u) => !sent.has(u));
  if (stray.length) throw new Error(`votes nobody cast: ${stray.join(', ')}`);
  const lost = [...new Set([...acked, ...confirmed])].filter((u) => !inTally.has(u));
  return { acked, confirmed, refused, inTally, lost, rows: rows.length };
}

/** A redis-server of the test's own (never the shared one on 6379), on a free port, without persistence. */
export async function ownRedis(): Promise<{ url: string; proc: ChildProcess; stop(): void }> {
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const { createConnection } = await import('node:net');
  await until(() => false, 0).catch(() => undefined);
  const end = Date.now() + 5000;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = createConnection(port, '127.0.0.1', () => (s.end(), r(true)));
      s.on('error', () => r(false));
    });
    if (ok) break;
    if (Date.now() > end) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    proc,
    stop: () => {
      proc.kill('SIGCONT');
      proc.kill('SIGKILL');
    },
  };
}
