// A store outage, answered: a real bot process on a Redis of the test's own, stalled with SIGSTOP. Members hear
// "did not go through / try again in a minute" well within Slack's 3 s, /healthz says 503 within 2 s, the log
// has one line for the outage and one for the recovery, and nothing clicked during the stall lands afterwards.
// A start against an unreachable store fails within 10 s, naming the store without its password.
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { afterAll, expect, it } from 'vitest';
import { LEADER } from '../standins/slack-payloads.js';
import { blockText, startSlackStandIn, until } from '../standins/slack.js';
import { type RunningBot, root } from '../helpers/process.js';
import { freePort } from '../helpers/wait.js';
import { botEnv, ownRedis, startReadyBot } from './vote-burst.js';

const slack = await startSlackStandIn();
const running: RunningBot[] = [];
const cleanups: (() => void)[] = [];
afterAll(async () => {
  for (const b of running) b.kill();
  for (const c of cleanups) c();
  await slack.close();
});

const health = (port: number) =>
  new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const started = performance.now();
    get(`http://127.0.0.1:${port}/healthz`, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: performance.now() - started });
    }).on('error', reject);
  });
const lines = (bot: RunningBot, msg: string) => bot.stderr().split('\n').filter((l) => l.includes(`"msg":"${msg}`)).length;

it('answers members and /healthz during a stall, logs it once, and lands nothing afterwards', async () => {
  const redis = await ownRedis();
  cleanups.push(redis.stop);
  const healthPort = await freePort();
  const bot = await startReadyBot({ ...(await botEnv(slack, redis.url)), HEALTH_PORT: String(healthPort), HEALTH_HOST: '127.0.0.1' }, running);
  expect((await health(healthPort)).status).toBe(200);

  await slack.command({ command: '/poll', text: '"Stalled?" "Yes" "No" --public', user: LEADER });
  await until(() => slack.posted.length > 0, 10_000, 'the poll');
  const message = structuredClone(slack.posted.at(-1)!);
  const id = /Poll (\w+)/.exec(blockText(message.blocks))![1]!;
  const before = await slack.click({ message, label: '1. Yes', user: { id: 'U0BEFORE', name: 'before' } });
  expect(before.status).toBe(200);

  redis.proc.kill('SIGSTOP');
  try {
    const h = await health(healthPort);
    expect(h.status).toBe(503);
    expect(h.ms).toBeLessThan(2000 + 500); // PING_TIMEOUT_MS is 1.5 s; margin for a busy machine
    const stalled = [];
    for (const user of ['U0STALL1', 'U0STALL2', 'U0STALL3']) {
      const d = await slack.click({ message, label: '2. No', user: { id: user, name: user } });
      expect(d.status, user).not.toBe(200); // not acknowledged: not saved
      const answer = await slack.response(d.responseUrl);
      expect(JSON.stringify(answer.body)).toMatch(/did not go through.*try again in a minute/i);
      stalled.push(user);
    }
    const list = await slack.command({ command: '/poll', text: 'list', user: LEADER });
    expect(JSON.stringify((await slack.response(list.responseUrl)).body)).toMatch(/try again in a minute/i);
    expect(lines(bot, 'store not answering')).toBe(1);
  } finally {
    redis.proc.kill('SIGCONT');
  }
  await until(() => lines(bot, 'store answering again') === 1, 10_000, 'the recovery line').catch(async () => {
    await health(healthPort); // a quiet bot notices at its next store call
    await until(() => lines(bot, 'store answering again') === 1, 5000, 'the recovery line');
  });
  expect((await health(healthPort)).status).toBe(200);
  const after = await slack.click({ message, label: '1. Yes', user: { id: 'U0AFTER', name: 'after' } });
  expect(after.status).toBe(200);

  const uploads = slack.uploads.length;
  await slack.command({ command: '/poll', text: `export ${id}`, user: LEADER });
  await until(() => slack.uploads.slice(uploads).some((u) => u.filename.endsWith('votes.csv') && u.bytes.length), 15_000, 'the CSV');
  const csv = slack.uploads.slice(uploads).find((u) => u.filename.endsWith('votes.csv'))!.bytes.toString('utf8');
  expect(csv).toContain('U0BEFORE');
  expect(csv).toContain('U0AFTER');
  expect(csv).not.toMatch(/U0STALL/); // refused during the stall, and not written when Redis resumed
  expect(lines(bot, 'store not answering')).toBe(1);
  expect(lines(bot, 'store answering again')).toBe(1);
}, 90_000);

it('fails a start against an unreachable store within 10 s, naming it without its password', async () => {
  const port = await freePort(); // nothing listens there
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BOT_ENV_FILE: '', BOT_DB: `redis://:hunter2@127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const ms = performance.now() - started;
  expect(code).not.toBe(0);
  expect(err).toContain(`redis://:****@127.0.0.1:${port}`);
  expect(err).not.toContain('hunter2');
  // The bot's own clock, from its first line to giving up (starting node and tsx is not the store's doing).
  const after = Number(/could not start \(after ([\d.]+) s\)/.exec(err)?.[1]);
  expect(after).toBeLessThan(10);
  expect(ms).toBeLessThan(30_000);
}, 30_000);
