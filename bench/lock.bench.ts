// The event loop never waits for the store: a real bot process (the Slack receiver over sqlite) answers an
// unrelated request (an unsigned POST, 401 without touching the store) while another process holds the sqlite
// write lock and 20 members' clicks keep waiting on it. 200+ requests before and during the lock; inside the bot,
// perf_hooks' event-loop delay and a libuv threadpool probe (bench/loop-probe.mjs). The machine is shared: the
// load average is printed with the figures (event-loop delay is the figure load inflates least). The "floor" of
// each line is the same figure just before the lock was taken.
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { LEADER } from '../test/standins/slack-payloads.js';
import { type SlackStandIn, blockText, startSlackStandIn, until } from '../test/standins/slack.js';
import { type RunningBot, root, tempDb } from '../test/helpers/process.js';
import { botEnv, startReadyBot } from '../test/faults/vote-burst.js';
import { type Row, type Section, summarize } from './harness.js';

export interface LockFigures {
  before: { request: ReturnType<typeof summarize>; probe: Probe };
  during: { request: ReturnType<typeof summarize>; probe: Probe; clicks: Record<number, number> };
  load: number[];
}
interface Probe {
  loop: { p50: number; p99: number; max: number; n: number };
  pool: { p50: number; p99: number; max: number; n: number };
  threadpool: number;
}

const unsigned = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    });
    req.on('error', reject);
    req.end('x=1');
  });

async function probe(bot: RunningBot): Promise<Probe> {
  const seen = bot.stderr().length;
  bot.kill('SIGUSR2');
  await until(() => bot.stderr().slice(seen).includes('"loopProbe"'), 10_000, 'the loop probe');
  const line = bot.stderr().slice(seen).split('\n').find((l) => l.includes('"loopProbe"'))!;
  return (JSON.parse(line) as { loopProbe: Probe }).loopProbe;
}

/** `requests` unrelated requests one after another (a few ms apart), latencies in ms. */
async function series(url: string, requests: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < requests; i++) {
    out.push(await unsigned(url));
    await new Promise((r) => setTimeout(r, 5));
  }
  return out;
}

export async function lockFigures(slack: SlackStandIn, running: RunningBot[], o: { requests?: number; env?: Record<string, string> } = {}): Promise<LockFigures> {
  const requests = o.requests ?? 200;
  const db = tempDb();
  const bot = await startReadyBot({ ...(await botEnv(slack, db)), NODE_OPTIONS: `--import ${join(root, 'bench', 'loop-probe.mjs')}`, ...o.env }, running);
  const before = slack.posted.length;
  await slack.command({ command: '/poll', text: '"Locked?" "Yes" "No"', user: LEADER });
  await until(() => slack.posted.length > before, 10_000, 'the poll');
  const message = structuredClone(slack.posted.at(-1)!);
  if (!blockText(message.blocks).includes('Locked?')) throw new Error('no poll');

  await series(slack.target!, 20); // warm-up
  await probe(bot);
  const calm = await series(slack.target!, requests);
  const calmProbe = await probe(bot);

  const other = new sqlite3.Database(db.slice('sqlite://'.length));
  await new Promise<void>((res, rej) => other.run('BEGIN EXCLUSIVE', (err) => (err ? rej(err) : res())));
  const clicks: Record<number, number> = {};
  let stop = false;
  let n = 0;
  // 20 members keep clicking: each click waits on the lock until its deadline, then the next one comes.
  const clickers = Array.from({ length: 20 }, async () => {
    while (!stop) {
      const i = n++;
      const d = await slack.click({ message, label: '1. Yes', user: { id: `U0LK${String(i).padStart(6, '0')}`, name: `l${i}` } }).catch(() => undefined);
      if (d) clicks[d.status] = (clicks[d.status] ?? 0) + 1;
    }
  });
  try {
    await new Promise((r) => setTimeout(r, 300)); // the clicks are now waiting on the lock
    await probe(bot);
    const locked = await series(slack.target!, requests);
    const lockedProbe = await probe(bot);
    return { before: { request: summarize(calm), probe: calmProbe }, during: { request: summarize(locked), probe: lockedProbe, clicks }, load: loadavg() };
  } finally {
    stop = true;
    await Promise.all(clickers);
    await new Promise<void>((r) => other.run('ROLLBACK', () => other.close(() => r())));
  }
}

export const lockSection: Section = {
  title: 'Event loop during a held sqlite lock',
  async run(): Promise<Row[]> {
    const slack = await startSlackStandIn();
    const running: RunningBot[] = [];
    try {
      const f = await lockFigures(slack, running);
      const note = `load average ${f.load.map((l) => l.toFixed(2)).join(' / ')}; clicks during the lock: ${JSON.stringify(f.during.clicks)}`;
      return [
        { name: 'unrelated request during a held sqlite lock: p50', value: f.during.request.p50, unit: 'ms', floor: f.before.request.p50, goal: '< 100 ms', note },
        { name: 'unrelated request during a held sqlite lock: p99', value: f.during.request.p99, unit: 'ms', floor: f.before.request.p99, goal: '< 100 ms', note },
        { name: 'event-loop delay during a held sqlite lock: p99', value: f.during.probe.loop.p99, unit: 'ms', floor: f.before.probe.loop.p99, note },
        { name: 'event-loop delay during a held sqlite lock: max', value: f.during.probe.loop.max, unit: 'ms', floor: f.before.probe.loop.max, note },
        { name: 'threadpool probe (fs.stat) during a held sqlite lock: p99', value: f.during.probe.pool.p99, unit: 'ms', floor: f.before.probe.pool.p99, note },
        { name: 'machine load average (1 min) at the time', value: f.load[0]!, unit: 'processes', note },
      ];
    } finally {
      for (const b of running) b.kill();
      await slack.close();
    }
  },
};
