// The event loop never waits for the store: while another process holds the sqlite write lock and members'
// clicks wait on it, an unrelated request (an unsigned POST, answered 401 without the store) is answered at once.
import { request } from 'node:http';
import sqlite3 from 'sqlite3';
import { afterAll, expect, it } from 'vitest';
import { LEADER } from '../standins/slack-payloads.js';
import { blockText, startSlackStandIn, until } from '../standins/slack.js';
import { type RunningBot, tempDb } from '../helpers/process.js';
import { botEnv, startReadyBot } from './vote-burst.js';

const slack = await startSlackStandIn();
const running: RunningBot[] = [];
afterAll(async () => {
  for (const b of running) b.kill();
  await slack.close();
});

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

it('answers an unrelated request quickly while an external process holds the sqlite write lock', async () => {
  const db = tempDb();
  await startReadyBot(await botEnv(slack, db), running);
  await slack.command({ command: '/poll', text: '"Locked?" "Yes" "No"', user: LEADER });
  await until(() => slack.posted.length > 0, 10_000, 'the poll');
  const message = structuredClone(slack.posted.at(-1)!);
  expect(blockText(message.blocks)).toContain('Locked?');
  const baseline = Math.min(...(await Promise.all([1, 2, 3].map(() => unsigned(slack.target!)))));

  const other = new sqlite3.Database(db.slice('sqlite://'.length));
  await new Promise<void>((res, rej) => other.run('BEGIN EXCLUSIVE', (err) => (err ? rej(err) : res())));
  try {
    const clicks = Array.from({ length: 20 }, (_, i) => slack.click({ message, label: '1. Yes', user: { id: `U0LOCK${i}`, name: `l${i}` } }));
    await new Promise((r) => setTimeout(r, 200)); // the clicks are now waiting on the lock
    const during = await unsigned(slack.target!);
    const statuses = (await Promise.all(clicks)).map((d) => d.status);
    console.info(`unsigned request: ${baseline.toFixed(0)} ms before the lock, ${during.toFixed(0)} ms while the clicks wait on it; clicks: ${statuses.join(',')}`);
    expect(during).toBeLessThan(Math.max(100, baseline * 3) + 400); // < 100 ms on a quiet machine; margin for a busy one
    expect(statuses.every((s) => s === 503)).toBe(true); // not saved, so not acknowledged
  } finally {
    await new Promise<void>((r) => other.run('ROLLBACK', () => other.close(() => r())));
  }
}, 60_000);
