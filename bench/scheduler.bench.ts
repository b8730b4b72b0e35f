// Announcement scheduler: 1,000 armed schedules.
// - Firing lateness: 1,000 once-off posts due within a 2-second window, each claimed in the outbox (sqlite file,
//   as in production), posted to a recording outlet and marked sent; lateness = post call time − due instant.
//   Floor: 1,000 bare setTimeouts armed for the same instants at the same moment.
// - Idle CPU: 1,000 armed recurring schedules over a few idle seconds (process.cpuUsage, user+system).
//   Floor: the same 1,000 expressions as started node-cron 4.6 tasks.
// - Start: reconciling and arming 1,000 stored schedules.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cron from 'node-cron';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { type Outlet, Outlets } from '../src/core/context.js';
import { buildAnnouncements } from '../src/services/announcements/index.js';
import { openStore } from '../src/storage/store.js';
import { type Row, type Section, summarize } from './harness.js';

const N = 1000;
const IDLE_MS = 3000;
const log = pino({ level: 'silent' });
const clock = { now: () => new Date() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const actor = { platform: 'console' as const, id: 'bench', name: 'bench' };

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'niapp-bench-'));
  const config = loadConfig({ BOT_DB: `sqlite://${join(dir, 'bot.sqlite')}` });
  const store = await openStore(config.BOT_DB);
  const outlets = new Outlets();
  const posted: number[] = [];
  const outlet: Outlet = {
    platform: 'console',
    announceChannel: 'console',
    async post(channelId) {
      posted.push(Date.now());
      return { platform: 'console', channelId, messageId: String(posted.length) };
    },
    async update() {},
    async dm() {
      return true;
    },
    async canPost() {
      return true;
    },
  };
  outlets.add(outlet);
  const built = buildAnnouncements({ config, store, outlets, clock, log });
  return { ...built, store, posted, async close() { await built.scheduler.stop(); await store.close(); await rm(dir, { recursive: true, force: true }); } };
}

async function lateness(): Promise<{ ours: number[]; floor: number[] }> {
  const b = await setup();
  const base = Date.now() + 4000;
  const due: number[] = [];
  for (let i = 0; i < N; i++) {
    const at = new Date(base + Math.floor((i * 2000) / N));
    due.push(at.getTime());
    await b.announcements.create({ kind: 'announcement', timing: { kind: 'once', at: at.toISOString() }, text: `bench ${i}`, targets: ['console'], channels: {}, createdBy: actor, createdAt: new Date().toISOString() });
  }
  await b.scheduler.start();
  const floorFired: number[] = new Array(N);
  for (let i = 0; i < N; i++) setTimeout(() => (floorFired[i] = Date.now()), due[i]! - Date.now());
  while (b.posted.length < N && Date.now() < base + 60_000) await sleep(50);
  await b.scheduler.settled();
  const sortedDue = [...due].sort((a, c) => a - c);
  const ours = [...b.posted].sort((a, c) => a - c).map((t, i) => t - sortedDue[i]!);
  const floor = floorFired.map((t, i) => t - due[i]!);
  await b.close();
  return { ours, floor };
}

function cpuOver(ms: number): Promise<number> {
  const start = process.cpuUsage();
  return sleep(ms).then(() => {
    const d = process.cpuUsage(start);
    return (d.user + d.system) / 1000 / (ms / 1000); // CPU ms per second
  });
}

export const schedulerSection: Section = {
  title: 'Announcement scheduler (1,000 schedules)',
  async run(): Promise<Row[]> {
    const { ours, floor } = await lateness();
    const o = summarize(ours);
    const f = summarize(floor);

    const b = await setup();
    for (let i = 0; i < N; i++) {
      await b.announcements.create({ kind: 'announcement', timing: { kind: 'cron', cron: `${i % 60} ${9 + (i % 8)} ${1 + (i % 28)} * *` }, text: `bench ${i}`, targets: ['console'], channels: {}, createdBy: actor, createdAt: new Date().toISOString() });
    }
    const t = performance.now();
    await b.scheduler.start();
    const startMs = performance.now() - t;
    await sleep(300);
    const idleOurs = await cpuOver(IDLE_MS);
    await b.close();

    const tasks = Array.from({ length: N }, (_, i) => cron.schedule(`${i % 60} ${9 + (i % 8)} ${1 + (i % 28)} * *`, () => undefined, { timezone: 'America/Chicago' }));
    await sleep(300);
    const idleFloor = await cpuOver(IDLE_MS);
    for (const task of tasks) await task.destroy();

    return [
      { name: 'firing lateness p50', value: o.p50, unit: 'ms', floor: f.p50, note: `${o.n} posts claimed, posted and marked sent in sqlite` },
      { name: 'firing lateness p99', value: o.p99, unit: 'ms', floor: f.p99, goal: '≤ 1,000 ms', note: `max ${o.max.toFixed(0)} ms (floor max ${f.max.toFixed(0)} ms)` },
      { name: 'idle CPU, 1,000 armed recurring', value: idleOurs, unit: 'CPU ms/s', floor: idleFloor, goal: '≤ 5 CPU ms/s (0.5 %)', note: 'floor: 1,000 started node-cron tasks; both are near the idle process baseline' },
      { name: 'start: reconcile + arm 1,000 stored', value: startMs, unit: 'ms' },
    ];
  },
};
