// Dashboard pages with 1,000 polls (half closed, 200 with votes), 1,000 scheduled announcements and 1,000 events
// in a sqlite file, as in production. Each page is fetched over HTTP from the real server with a signed-in
// session; the floor is the same data read by the services alone (no HTTP, no session, no rendering).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { commands } from '../commands/index.js';
import { dashboardSettings, loadConfig } from '../src/config.js';
import type { Adapter } from '../src/core/adapter.js';
import { type Actor, type Outlet, Outlets } from '../src/core/context.js';
import { Registry } from '../src/core/registry.js';
import { buildServices } from '../src/services/index.js';
import { openStore } from '../src/storage/store.js';
import { overviewData } from '../src/web/pages/overview.js';
import { startDashboard } from '../src/web/server.js';
import { freePort } from '../test/helpers/wait.js';
import { type Row, type Section, summarize } from './harness.js';

const N = 1000;
const ROUNDS = 40;
const lead: Actor = { platform: 'console', id: 'operator', name: 'Operator', isLeader: true };
const clock = { now: () => new Date() };

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'niapp-bench-dash-'));
  const port = await freePort();
  const config = loadConfig({ BOT_DB: `sqlite://${join(dir, 'bot.sqlite')}`, DASHBOARD_PORT: String(port) });
  const store = await openStore(config.BOT_DB);
  const outlets = new Outlets();
  let n = 0;
  const outlet: Outlet = {
    platform: 'console',
    announceChannel: 'console',
    post: async (channelId) => ({ platform: 'console', channelId, messageId: String(++n) }),
    update: async () => undefined,
    dm: async () => true,
    canPost: async () => true,
  };
  outlets.add(outlet);
  const log = pino({ level: 'silent' });
  const { services, lifecycles } = await buildServices({ config, store, outlets, clock, log });
  const registry = new Registry(commands, { services, log, now: clock.now, screen: services.crisis.screen });
  const adapter = { platform: 'console', leaders: { isLeader: async (id: string) => id === 'operator' } } as unknown as Adapter;
  const dashboard = (await startDashboard(dashboardSettings(config, false)!, services, registry, [adapter]))!;
  return {
    services,
    dashboard,
    async close() {
      await dashboard.close();
      for (const l of lifecycles) await l.stop();
      await services.announce.scheduler.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function fill(services: Awaited<ReturnType<typeof setup>>['services']): Promise<string> {
  const { polls, announce } = services;
  let sample = '';
  for (let i = 0; i < N; i++) {
    const p = await polls.create({ question: `Bench poll ${i}?`, options: ['Yes', 'No', 'Maybe'], maxChoices: 1, public: false, hideResults: false, comments: false, everywhere: false }, lead);
    if (i < 200) for (let v = 0; v < 3; v++) await polls.vote(p.id, { platform: 'console', id: `m${i}-${v}`, name: 'm', isLeader: false }, { kind: 'set', choices: [v % 3] });
    if (i >= N / 2) await polls.close(p.id, lead);
    if (i === 10) sample = p.id;
  }
  for (let i = 0; i < N; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    await announce.announcements.compose(lead, { text: `Bench announcement ${i}`, when: i % 2 ? { kind: 'every', cron: `${i % 60} 9 * * 1` } : { kind: 'at', text: `2030-01-${day} 09:00` } });
  }
  for (let i = 0; i < N; i++) await announce.events.add(lead, { title: `Bench event ${i}`, at: `2030-02-${String(1 + (i % 28)).padStart(2, '0')} 12:00` });
  await polls.flush();
  return sample;
}

async function signIn(base: string, link: string): Promise<string> {
  const page = await fetch(link);
  const pre = /name="_pre" value="([^"]+)"/.exec(await page.text())![1]!;
  const preCookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const res = await fetch(`${base}/signin`, { method: 'POST', body: new URLSearchParams({ token: link.split('/').pop()!, _pre: pre }), headers: { cookie: preCookie }, redirect: 'manual' });
  return res.headers.getSetCookie().find((c) => c.startsWith('niapp_session='))!.split(';')[0]!;
}

async function timed(rounds: number, task: () => Promise<unknown>): Promise<number[]> {
  await task(); // warm
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await task();
    out.push(performance.now() - t);
  }
  return out;
}

export const dashboardSection: Section = {
  title: 'dashboard (1,000 polls, schedules, events)',
  async run() {
    const b = await setup();
    const { services } = b;
    const pollId = await fill(services);
    const base = b.dashboard.listening;
    const cookie = await signIn(base, await b.dashboard.signInLink(lead));
    const week = () => new Date(Date.now() - 7 * 86_400_000);
    const deps = { services } as Parameters<typeof overviewData>[0];
    const pages: [string, string, () => Promise<unknown>][] = [
      ['overview', '/', () => overviewData(deps)],
      ['announcements', '/announcements', () => Promise.all([services.announce.announcements.upcoming(), services.announce.audit.recent(10)])],
      ['events', '/events', async () => Promise.all((await services.announce.events.upcoming()).slice(0, 200).map((e) => services.announce.events.going(e.id)))],
      ['polls', '/polls', async () => Promise.all((await services.polls.all()).filter((p) => !p.closedAt).slice(0, 50).map((p) => services.polls.tally(p.id)))],
      ['one poll', `/polls/${pollId}`, () => Promise.all([services.polls.get(pollId), services.polls.tally(pollId), services.polls.commentsOf(pollId)])],
      ['questions', '/questions', () => services.knowledge.unansweredGroups(week())],
      ['audit', '/audit', () => services.announce.audit.recent(Number.MAX_SAFE_INTEGER)],
    ];
    const rows: Row[] = [];
    for (const [name, path, alone] of pages) {
      const page = summarize(
        await timed(ROUNDS, async () => {
          const res = await fetch(`${base}${path}`, { headers: { cookie } });
          if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
          await res.arrayBuffer();
        }),
      );
      const floor = summarize(await timed(ROUNDS, alone));
      rows.push({ name: `${name} page p99`, value: page.p99, unit: 'ms', floor: floor.p99, goal: '< 50 ms', note: `p50 ${page.p50.toFixed(1)} ms (services alone ${floor.p50.toFixed(1)} ms)` });
    }
    await b.close();
    return rows;
  },
};
