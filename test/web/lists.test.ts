// Long lists: the dashboard shows 50 rows a page, soonest or newest first, with exact counts, read from the
// services' ordered indexes — and the indexes follow every write path (create, close, edit, cancel, a post going
// out), also when two replicas share a PostgreSQL store, and after an upgrade from a store that had none.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { pollSchema } from '../../src/services/polls/model.js';
import { Repo } from '../../src/storage/repo.js';
import { type Harness, harness, leader } from '../helpers/context.js';
import { type Web, web } from './harness.js';

const lead = leader('operator');
const newPoll = (question: string, closesAt?: string) => ({ question, options: ['Yes', 'No'], maxChoices: 1, public: false, hideResults: false, comments: false, everywhere: false, closesAt });

describe('paged lists (sqlite)', () => {
  let w: Web;
  let s: { cookie: string };
  beforeAll(async () => {
    w = await web();
    s = await w.signIn();
  });
  afterAll(() => w.h.close());
  const page = async (path: string) => (await w.get(path, s.cookie)).text();

  it('polls: 50 a page, closing soonest first (no deadline after), closed ones by close; counts and links', async () => {
    const { polls } = w.h.services;
    for (let i = 0; i < 57; i++) await polls.create(newPoll(`Deadline poll ${String(i).padStart(2, '0')}?`, new Date(Date.parse('2026-12-01T00:00:00Z') + (57 - i) * 3_600_000).toISOString()), lead);
    await polls.create(newPoll('No deadline, older?'), lead);
    w.h.clock.advance(1000);
    await polls.create(newPoll('No deadline, newer?'), lead);
    for (const p of (await polls.page('open', 0, 3)).polls) {
      w.h.clock.advance(1000);
      await polls.close(p.id, lead); // 56, then 55, then 54
    }

    const first = await page('/polls');
    expect(first).toContain('Open (56)');
    expect(first).toContain('Closed (3)');
    expect(first).toContain('Showing 1–50 of 56 open polls, closing soonest first.');
    expect(first.indexOf('Deadline poll 53?')).toBeLessThan(first.indexOf('Deadline poll 52?'));
    expect(first).not.toContain('Deadline poll 03?');
    expect(first).toContain('href="/polls?open=2&amp;closed=1#open" rel="next"');

    const second = await page('/polls?open=2');
    expect(second).toContain('Showing 51–56 of 56 open polls');
    expect(second).toMatch(/Deadline poll 00\?[\s\S]*No deadline, newer\?[\s\S]*No deadline, older\?/);
    expect(second).toContain('href="/polls?open=1&amp;closed=1#open" rel="prev"');
    expect(second).not.toContain('rel="next"');

    const past = await page('/polls?open=9');
    expect(past).toContain('Page 9 is past the end: 56 open polls fill 2 pages.');
    expect(past).not.toContain('Showing');
    expect(past).toContain('href="/polls?open=2&amp;closed=1#open" rel="prev">Last page');
    expect((await polls.page('closed', 0, 5)).polls.map((p) => p.question)).toEqual(['Deadline poll 54?', 'Deadline poll 55?', 'Deadline poll 56?']);
    expect(await polls.counts()).toEqual({ open: 56, closed: 3 });
  });

  it('events: the agenda has a row per date still to come; cancel takes an event out, counts follow', async () => {
    await w.h.run('/event add "Monthly peer meeting" --at "2026-12-01 18:00" --repeat monthly --times 3', lead);
    await w.h.run('/event add "Ethics CEU" --at "2026-12-02 12:00"', lead);
    await w.h.run('/event add "Dropped webinar" --at "2026-12-03 12:00"', lead);
    const { events } = w.h.services.announce;
    const dropped = (await events.all()).find((e) => e.title === 'Dropped webinar')!;
    await w.h.run(`/event cancel ${dropped.id}`, lead);
    expect(await events.upcomingCount()).toBe(2);
    const html = await page('/events');
    expect(html).toContain('Upcoming (2 events)');
    expect(html).toMatch(/Monthly peer meeting[\s\S]*date 1 of 3[\s\S]*Ethics CEU[\s\S]*date 2 of 3[\s\S]*date 3 of 3/);
    expect(html).not.toContain('Dropped webinar');
    w.h.clock.set('2026-12-02T01:00:00Z'); // the first meeting has begun
    expect((await events.page(0, 50)).rows.map((r) => `${r.event.title} ${r.nth}`)).toEqual(['Ethics CEU 1', 'Monthly peer meeting 2', 'Monthly peer meeting 3']);
    w.h.clock.set('2026-11-22T15:00:00Z');
  });

  it('announcements: one-time soonest first, recurring apart; edit moves one, cancel and posting take it out', async () => {
    const { announcements, scheduler } = w.h.services.announce;
    await w.h.run('/announce at "2026-12-05 09:00" "Later one"', lead);
    await w.h.run('/announce at "2026-11-23 09:00" "Sooner one"', lead);
    await w.h.run('/announce every "0 9 * * 1" "Weekly check-in"', lead);
    const [sooner, later] = (await announcements.page('once', 0, 50)).items;
    expect([sooner?.text, later?.text]).toEqual(['Sooner one', 'Later one']);
    expect(await announcements.counts()).toEqual({ once: 2, every: 1 });
    await w.h.run(`/announce edit ${later!.id} --every "0 10 * * 2"`, lead);
    expect(await announcements.counts()).toEqual({ once: 1, every: 2 });
    const weekly = (await announcements.page('every', 0, 50)).items.find((x) => x.text === 'Weekly check-in')!;
    await w.h.run(`/announce cancel ${weekly.id}`, lead);
    expect(await announcements.counts()).toEqual({ once: 1, every: 1 });
    scheduler.useTimers = false;
    w.h.clock.set('2026-11-23T15:00:00Z'); // 9:00 CST: the one-time post goes out
    await scheduler.tick();
    await scheduler.settled();
    expect(w.h.said.some((x) => x.kind === 'post' && x.text.includes('Sooner one'))).toBe(true);
    expect(await announcements.counts()).toEqual({ once: 0, every: 1 });
    s = await w.signIn(); // a day later: the morning's session has expired
    const html = await page('/announcements');
    expect(html).toContain('Scheduled once (0)');
    expect(html).toContain('Recurring (1)');
    w.h.clock.set('2026-11-22T15:00:00Z');
  });
});

describe('audit and failed posts (sqlite)', () => {
  let w: Web;
  let s: { cookie: string };
  beforeAll(async () => {
    w = await web();
    s = await w.signIn();
  });
  afterAll(() => w.h.close());
  const page = async (path: string) => (await w.get(path, s.cookie)).text();

  it('the audit log pages newest first by key, with older and newer links, and filters across pages', async () => {
    const { audit } = w.h.services.announce;
    for (let i = 0; i < 120; i++) {
      w.h.clock.advance(1000);
      await audit.add({ action: i % 40 === 0 ? 'missed' : 'scheduled', scheduleId: `s${String(i).padStart(3, '0')}`, summary: `entry ${i}` });
    }
    const first = await page('/audit');
    expect(first).toContain('50 entries on this page, newest first; 120 in the log.');
    expect(first).toContain('<td>s119</td>');
    expect(first).not.toContain('<td>s069</td>');
    expect(first).not.toContain('Newer entries');
    const older = /href="([^"]+)" rel="next">Older entries/.exec(first)![1]!.replaceAll('&amp;', '&');
    const second = await page(older);
    expect(second).toContain('<td>s069</td>');
    expect(second).not.toContain('<td>s070</td>');
    const newer = /href="([^"]+)" rel="prev">Newer entries/.exec(second)![1]!.replaceAll('&amp;', '&');
    const back = await page(newer);
    expect(back).toContain('<td>s119</td>');
    expect(back).toContain('<td>s070</td>');
    const missed = await page('/audit?action=missed');
    expect(missed).toContain('3 matching entries on this page');
    expect(missed).toMatch(/s080[\s\S]*s040[\s\S]*s000/);
  });

  it('the Who filter finds what the Who column shows: a name, a platform, or "the bot"', async () => {
    const { audit } = w.h.services.announce;
    await audit.add({ action: 'scheduled', scheduleId: 'who001', summary: 'by a Slack leader', actor: { platform: 'slack', id: 'U1', name: 'Dana' } });
    await audit.add({ action: 'scheduled', scheduleId: 'who002', summary: 'by a Discord leader', actor: { platform: 'discord', id: 'D1', name: 'Rosa' } });
    const bySlack = await page('/audit?who=slack');
    expect(bySlack).toContain('<td>Dana (slack)</td>');
    expect(bySlack).not.toContain('Rosa');
    expect(await page('/audit?who=rosa')).toContain('<td>who002</td>');
    expect(await page('/audit?who=the+bot')).not.toContain('who001');
  });

  it('the overview counts occurrences that failed or were missed this week, and not one retried into sent', async () => {
    const { outbox } = w.h.services.announce;
    const now = w.h.clock.now();
    await outbox.claim('aaa111', new Date(now.getTime() - 3_600_000), 'missed');
    await outbox.claim('bbb222', new Date(now.getTime() - 8 * 86_400_000), 'missed'); // last week
    await outbox.claim('ccc333', new Date(now.getTime() - 60_000));
    const record = (await outbox.get('ccc333', new Date(now.getTime() - 60_000)))!;
    await outbox.save({ ...record, state: 'failed', targets: { console: { state: 'failed', error: 'rate limited' } } });
    expect(await page('/')).toContain('<strong>2</strong> failed posts this week');
    await outbox.save({ ...record, state: 'sent', targets: { console: { state: 'sent', channelId: 'console', messageId: 'm1' } } });
    expect(await page('/')).toContain('<strong>1</strong> failed posts this week');
  });
});

describe('two replicas sharing a PostgreSQL store', () => {
  const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = `niapp_lists_${randomBytes(4).toString('hex')}`;
  let available = true;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    const client = new pg.Client(admin);
    try {
      await client.connect();
      await client.query(`CREATE DATABASE ${db}`);
    } catch {
      available = false;
      return;
    } finally {
      await client.end().catch(() => undefined);
    }
    const env = { BOT_DB: `postgres://postgres@127.0.0.1:5432/${db}` };
    [a, b] = [await harness(commands, env), await harness(commands, env)];
  });
  afterAll(async () => {
    if (!available) return;
    await a.close();
    await b.close();
    const client = new pg.Client(admin);
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${db}`);
    await client.end();
  });

  it('what one replica closes or cancels, the other lists so at once', async (ctx) => {
    if (!available) return ctx.skip();
    const poll = await a.services.polls.create(newPoll('Replicated?'), lead);
    expect((await b.services.polls.page('open', 0, 50)).polls.map((p) => p.id)).toEqual([poll.id]);
    await b.services.polls.close(poll.id, lead);
    expect((await a.services.polls.page('open', 0, 50)).total).toBe(0);
    expect((await a.services.polls.page('closed', 0, 50)).polls.map((p) => p.id)).toEqual([poll.id]);

    await a.run('/event add "Shared event" --at "2026-12-03 12:00"', lead);
    const [e] = (await b.services.announce.events.page(0, 50)).rows;
    expect(e?.event.title).toBe('Shared event');
    await b.run(`/event cancel ${e!.event.id}`, lead);
    expect(await a.services.announce.events.page(0, 50)).toEqual({ rows: [], total: 0 });
  });

  it('a store written before the indexes existed is indexed at the first start; a row a crash left out, at the next', async (ctx) => {
    if (!available) return ctx.skip();
    const legacy = new Repo(a.services.store, 'polls', pollSchema);
    await legacy.set('legacy1', { ...newPoll('From before the index?'), id: 'legacy1', createdBy: { platform: 'console', id: 'operator', name: 'Operator' }, createdAt: '2026-11-01T00:00:00.000Z' });
    expect((await a.services.polls.page('open', 0, 50)).polls.map((p) => p.id)).not.toContain('legacy1');
    await Promise.all([a.services.polls.start(), b.services.polls.start()]);
    await Promise.all([a.services.polls.stop(), b.services.polls.stop()]);
    expect((await b.services.polls.page('open', 0, 50)).polls.map((p) => p.id)).toContain('legacy1');

    // A crash between a record and its row: the next start sees more records than rows and adds the missing one.
    await legacy.set('crash1', { ...newPoll('Written just before a crash?'), id: 'crash1', createdBy: { platform: 'console', id: 'operator', name: 'Operator' }, createdAt: '2026-11-02T00:00:00.000Z' });
    await a.services.polls.start();
    await a.services.polls.stop();
    expect((await b.services.polls.page('open', 0, 50)).polls.map((p) => p.id)).toContain('crash1');
    expect(await b.services.polls.counts()).toEqual({ open: 2, closed: 1 });
  });
});
