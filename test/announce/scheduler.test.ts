// The scheduler's promises: DST neither skips nor doubles (injected clock, no fake timers), failed posts are
// retried then reported, replicas sharing a store post once, and a restart sends or reports what it missed.
import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextOccurrences, occurrencesBetween, parseCron } from '../../src/services/announcements/cron.js';
import { buildAnnouncements } from '../../src/services/announcements/index.js';
import { parseWhen } from '../../src/services/announcements/when.js';
import { announceHarness, fakeOutlet } from './setup.js';

type H = Awaited<ReturnType<typeof announceHarness>>;
let h: H;
beforeEach(async () => {
  h = await announceHarness();
});
afterEach(() => h.close());

const zone = 'America/Chicago';
const posts = () => h.said.filter((s) => s.kind === 'post');
const sentAt = async () => (await h.services.announce.outbox.all()).filter(([, r]) => r.state === 'sent').map(([, r]) => r.at);

/** Ticks the clock every `stepMs` until `untilIso`. */
async function runUntil(untilIso: string, stepMs = 15 * 60_000) {
  while (h.clock.now().getTime() < new Date(untilIso).getTime()) await h.tick(stepMs);
}

describe('daylight saving time in America/Chicago', () => {
  it('spring forward (2026-03-08): a daily 2:30 post goes out once, at the end of the gap (3:00 CDT), as Vixie cron does', async () => {
    h.clock.set('2026-03-06T18:00:00Z');
    await h.run('/announce every "30 2 * * *" "Daily 2:30"');
    await runUntil('2026-03-10T12:00:00Z');
    expect(await sentAt()).toEqual(['2026-03-07T08:30:00.000Z', '2026-03-08T08:00:00.000Z', '2026-03-09T07:30:00.000Z', '2026-03-10T07:30:00.000Z']);
    expect(posts()).toHaveLength(4);
  });

  it('spring forward: an hourly post runs 23 times on the 23-hour day, none doubled', async () => {
    h.clock.set('2026-03-08T05:30:00Z'); // 11:30 PM CST on Mar 7
    await h.run('/announce every "0 * * * *" "Hourly"');
    await runUntil('2026-03-09T05:00:00Z', 10 * 60_000); // midnight CDT
    const at = (await sentAt()).filter((a) => a >= '2026-03-08T06:00:00.000Z' && a < '2026-03-09T05:00:00.000Z'); // Mar 8, local
    expect(at).toHaveLength(23);
    expect(new Set(at).size).toBe(23);
    expect(at).toContain('2026-03-08T08:00:00.000Z'); // 3:00 CDT (2:00 does not exist)
  });

  it('fall back (2026-11-01): a daily 1:30 post goes out once though 1:30 happens twice, the first time (CDT)', async () => {
    h.clock.set('2026-10-30T18:00:00Z');
    await h.run('/announce every "30 1 * * *" "Daily 1:30"');
    await runUntil('2026-11-03T12:00:00Z');
    expect(await sentAt()).toEqual(['2026-10-31T06:30:00.000Z', '2026-11-01T06:30:00.000Z', '2026-11-02T07:30:00.000Z', '2026-11-03T07:30:00.000Z']);
  });

  it('fall back: an hourly post runs once per wall-clock hour on the 25-hour day (24 posts, none doubled)', async () => {
    h.clock.set('2026-11-01T04:30:00Z'); // 11:30 PM CDT on Oct 31
    await h.run('/announce every "0 * * * *" "Hourly"');
    await runUntil('2026-11-02T06:00:00Z', 10 * 60_000); // midnight CST
    const at = (await sentAt()).filter((a) => a >= '2026-11-01T05:00:00.000Z' && a < '2026-11-02T06:00:00.000Z'); // Nov 1, local
    expect(at).toHaveLength(24);
    expect(new Set(at).size).toBe(24);
  });

  it('a once-off time inside the spring-forward gap is read as the shifted instant', () => {
    expect(parseWhen('2026-03-08 02:30', new Date('2026-03-01T00:00:00Z'), zone).toISOString()).toBe('2026-03-08T08:30:00.000Z');
    expect(parseWhen('2026-11-01 09:00', new Date('2026-10-01T00:00:00Z'), zone).toISOString()).toBe('2026-11-01T15:00:00.000Z');
  });

  it('outside DST changes, the occurrences agree with node-cron 4.6 itself', () => {
    for (const expr of ['0 9 * * 1', '30 17 1 * *', '*/15 8-9 * * 1-5', '0 12 * 1,6 *', '@daily']) {
      const task = cron.createTask(expr, () => undefined, { timezone: zone });
      const theirs = task.getNextRuns(5).map((d) => d.toISOString());
      const from = new Date(new Date(theirs[0]!).getTime() - 1);
      expect(nextOccurrences(parseCron(expr), from, zone, 5).map((d) => d.toISOString()), expr).toEqual(theirs);
      void task.destroy();
    }
  });

  it('occurrencesBetween keeps the newest when capped', () => {
    const at = occurrencesBetween(parseCron('0 9 * * *'), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-11T00:00:00Z'), zone, 3);
    expect(at.map((d) => d.toISOString())).toEqual(['2026-01-08T15:00:00.000Z', '2026-01-09T15:00:00.000Z', '2026-01-10T15:00:00.000Z']);
  });
});

describe('failures are retried, then reported — never dropped silently', () => {
  it('a post that fails twice (rate limit) is retried and posted once', async () => {
    let failures = 2;
    const slack = fakeOutlet(h, 'slack', { fail: () => failures-- > 0 });
    await h.run('/announce at "in 10 minutes" "Retry me" --to slack');
    await h.tick(10 * 60_000);
    expect(slack.posts).toHaveLength(1);
    const record = (await h.services.announce.outbox.all())[0]![1];
    expect(record).toMatchObject({ state: 'sent', attempts: 3, targets: { slack: { state: 'sent' } } });
  });

  it('a post that keeps failing is reported to the leader who scheduled it and logged as failed; other targets still get it', async () => {
    fakeOutlet(h, 'slack', { fail: () => true });
    await h.run('/announce at "in 10 minutes" "Doomed"');
    await h.tick(10 * 60_000);
    expect(posts()).toHaveLength(1); // console got it
    const dm = h.said.find((s) => s.kind === 'dm');
    expect(dm).toMatchObject({ to: 'lead' });
    expect(dm!.text).toMatch(/could not be posted after retries: slack: ratelimited/);
    const record = (await h.services.announce.outbox.all())[0]![1];
    // attempts: 1 for the console + 3 for Slack (first try and two retries)
    expect(record).toMatchObject({ state: 'failed', attempts: 4, targets: { console: { state: 'sent' }, slack: { state: 'failed', error: 'ratelimited' } } });
    expect((await h.run('/announce log'))[0]!.text).toMatch(/failed \w+: occurrence .* not posted \(slack: ratelimited\)/);
  });
});

describe('restarts and replicas (one sqlite store, two scheduler instances)', () => {
  const another = () => {
    const s = h.services;
    const built = buildAnnouncements({ config: s.config, store: s.store, outlets: s.outlets, clock: h.clock, log: s.log }, { retryDelaysMs: [5] });
    built.scheduler.useTimers = false;
    return built;
  };

  it('two replicas firing the same occurrence post it once', async () => {
    await h.run('/announce every "0 9 * * *" "Daily"');
    const replica = another();
    await replica.scheduler.start();
    h.clock.set('2026-11-23T15:00:00Z');
    await Promise.all([h.services.announce.scheduler.tick(), replica.scheduler.tick()]);
    await Promise.all([h.services.announce.scheduler.settled(), replica.scheduler.settled()]);
    expect(posts()).toHaveLength(1);
    await replica.scheduler.stop();
  });

  it('down across an occurrence, back within grace → posted once; again later → not posted again', async () => {
    await h.run('/announce at "in 10 minutes" "While down"');
    await h.services.announce.scheduler.stop();
    h.clock.advance(30 * 60_000);
    const second = another();
    await second.scheduler.start();
    await second.scheduler.settled();
    expect(posts().map((p) => p.message.text)).toEqual(['While down']);
    await second.scheduler.stop();
    const third = another();
    await third.scheduler.start();
    await third.scheduler.settled();
    expect(posts()).toHaveLength(1);
    await third.scheduler.stop();
  });

  it('down past ANNOUNCE_GRACE → not posted, reported once to leadership', async () => {
    await h.run('/announce at "in 10 minutes" "Too late"');
    await h.run('/announce every "0 11 * * *" "Daily 11"');
    await h.services.announce.scheduler.stop();
    h.clock.advance(3.5 * 3_600_000); // 12:30 CST: both are over an hour late
    for (let i = 0; i < 2; i++) {
      const again = another();
      await again.scheduler.start();
      await again.scheduler.settled();
      await again.scheduler.stop();
    }
    expect(posts()).toHaveLength(0);
    const reports = h.said.filter((s) => s.kind === 'dm');
    expect(reports).toHaveLength(2);
    expect(reports.map((r) => r.text).join('\n')).toMatch(/was NOT posted: the bot was not running at Sun, Nov 22, 2026, 9:10 AM CST, more than 60 minutes ago/);
    expect((await h.run('/announce log'))[0]!.text.match(/missed/g)).toHaveLength(2);
  });

  it('a bot stopped while retrying releases the occurrence, and the next start posts it', async () => {
    let fail = true;
    const slack = fakeOutlet(h, 'slack', { fail: () => fail });
    h.services.announce.scheduler.retryDelaysMs = [60_000];
    await h.run('/announce at "in 10 minutes" "Interrupted" --to slack');
    h.clock.advance(10 * 60_000);
    void h.services.announce.scheduler.tick();
    await new Promise((r) => setTimeout(r, 50));
    await h.services.announce.scheduler.stop();
    expect(await h.services.announce.outbox.all()).toEqual([]);
    fail = false;
    h.clock.advance(60_000);
    const next = another();
    await next.scheduler.start();
    await next.scheduler.settled();
    expect(slack.posts.map((p) => p.msg.text)).toEqual(['Interrupted']);
    await next.scheduler.stop();
  });

  it('a bot killed while posting (its claim left "sending" past its lease) → reported as uncertain, not posted twice', async () => {
    await h.run('/announce at "in 10 minutes" "Killed mid-post"');
    const id = (await h.services.announce.scheduler.schedules.list())[0]![0];
    await h.services.announce.scheduler.stop();
    const at = new Date(h.clock.now().getTime() + 10 * 60_000).toISOString();
    // What a killed process leaves behind: the claim, no outcome.
    await h.services.store.claim('outbox', `${id}@${at}`, { scheduleId: id, at, state: 'sending', owner: 'dead-process', claimedAt: at, leaseUntil: at, targets: {}, attempts: 1 });
    h.clock.advance(30 * 60_000);
    const next = another();
    await next.scheduler.start();
    await next.scheduler.settled();
    expect(posts()).toHaveLength(0);
    expect(h.said.find((s) => s.kind === 'dm')!.text).toContain('it may not have gone out on every platform. Please check the channel.');
    expect((await h.services.announce.outbox.all())[0]![1].state).toBe('uncertain');
    await next.scheduler.stop();
  });
});

