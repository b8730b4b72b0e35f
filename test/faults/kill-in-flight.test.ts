// No acknowledged vote is lost: kill -9 of the bot with 600 clicks in flight through the real Slack receiver,
// and kill -9 while the store (a Redis of the test's own) is stalled by SIGSTOP. After a restart, every click
// that got HTTP 200 or a "recorded" answer is in the export; a click that did not make it was told so.
import { afterAll, expect, it } from 'vitest';
import { startSlackStandIn } from '../standins/slack.js';
import { tempDb, type RunningBot } from '../helpers/process.js';
import { botEnv, ownRedis, voteBurstUnderKill } from './vote-burst.js';

const slack = await startSlackStandIn();
const running: RunningBot[] = [];
const cleanups: (() => void)[] = [];
afterAll(async () => {
  for (const b of running) b.kill();
  for (const c of cleanups) c();
  await slack.close();
});

it('keeps every acknowledged vote with 600 clicks in flight at the kill', async () => {
  const r = await voteBurstUnderKill(slack, await botEnv(slack, tempDb()), running, { total: 1200, inFlight: 600, killAt: 900 });
  console.info(`600 in flight: ${r.acked.size} acked, ${r.confirmed.size} confirmed, ${r.refused.size} told to retry, ${r.inTally.size} in the tally; lost ${r.lost.length}`);
  expect(r.acked.size + r.refused.size).toBeGreaterThan(100); // the bot really was answering when it died
  expect(r.rows).toBe(r.inTally.size);
  expect(r.lost).toEqual([]);
}, 120_000);

it('keeps every acknowledged vote when killed during a store stall', async () => {
  const redis = await ownRedis();
  cleanups.push(redis.stop);
  let stalled = false;
  const r = await voteBurstUnderKill(slack, await botEnv(slack, redis.url), running, {
    total: 600,
    inFlight: 100,
    killAt: 450,
    during: (i) => {
      if (i === 200) {
        redis.proc.kill('SIGSTOP');
        stalled = true;
      }
    },
    afterKill: async () => {
      if (stalled) redis.proc.kill('SIGCONT');
    },
  });
  console.info(`store stall: ${r.acked.size} acked, ${r.confirmed.size} confirmed, ${r.refused.size} told to retry, ${r.inTally.size} in the tally; lost ${r.lost.length}`);
  expect(r.acked.size).toBeGreaterThan(50);
  expect(r.lost).toEqual([]);
}, 120_000);
