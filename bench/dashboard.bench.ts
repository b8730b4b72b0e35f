// Dashboard pages with 1,000 polls (half closed, 200 with votes), 1,000 scheduled announcements and 1,000 events
// in a sqlite file, as in production. Each page is fetched over HTTP from the real server with a signed-in
// session; the floor is the same data read by the services alone (no HTTP, no session, no rendering). Lists
// are paged (50 rows) over the services' ordered indexes, so deep pages are measured too.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
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
/** Enough rounds that p99 is not simply the slowest request. */
const ROUNDS = 200;
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
    const { announcements, audit, events } = services.announce;
    const tallies = (polls: { id: string }[]) => Promise.all(polls.map((p) => services.polls.tally(p.id)));
    // The floors are what each page reads, through the same service methods, without HTTP, session or HTML.
    const pages: [string, string, () => Promise<unknown>][] = [
      ['overview', '/', () => overviewData(deps)],
      ['announcements', '/announcements', () => Promise.all([announcements.page('once', 0, 50), announcements.page('every', 0, 50), audit.recent(10)])],
      ['announcements page 10', '/announcements?once=10', () => announcements.page('once', 450, 50)],
      ['events', '/events', async () => { const { rows } = await events.page(0, 50); await Promise.all([events.upcomingCount(), ...rows.map((r) => events.going(r.event.id))]); }],
      ['events page 20', '/events?page=20', async () => { const { rows } = await events.page(950, 50); await Promise.all(rows.map((r) => events.going(r.event.id))); }],
      ['polls', '/polls', async () => { const [open] = await Promise.all([services.polls.page('open', 0, 50), services.polls.page('closed', 0, 50)]); await tallies(open.polls); }],
      ['polls page 10', '/polls?open=10&closed=10', async () => { const [open] = await Promise.all([services.polls.page('open', 450, 50), services.polls.page('closed', 450, 50)]); await tallies(open.polls); }],
      ['one poll', `/polls/${pollId}`, () => Promise.all([services.polls.get(pollId), services.polls.tally(pollId), services.polls.commentsOf(pollId)])],
      ['questions', '/questions', () => services.knowledge.unansweredGroups(week())],
      ['audit', '/audit', () => Promise.all([audit.page({ limit: 50 }), audit.count()])],
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
      const load = loadavg()[0]!.toFixed(2);
      rows.push({ name: `${name} page p50`, value: page.p50, unit: 'ms', floor: floor.p50, note: `load average ${load}` });
      rows.push({ name: `${name} page p99`, value: page.p99, unit: 'ms', floor: floor.p99, goal: '< 50 ms', note: `p50 ${page.p50.toFixed(1)} ms (services alone ${floor.p50.toFixed(1)} ms), load average ${load}` });
    }
    await b.close();
    return rows;
  },
};
