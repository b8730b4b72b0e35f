// Past one machine: two bot processes sharing one Redis or PostgreSQL store post each occurrence once.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { root, runBot, startBot } from '../helpers/process.js';
import { until } from '../helpers/wait.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const required = process.env.STORE_TESTS_REQUIRED === '1';

/** A store of its own for this test: Redis database 14 emptied, or a new PostgreSQL database. */
async function freshStore(kind: 'redis' | 'postgres'): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  try {
    if (kind === 'redis') {
      const url = `${REDIS.replace(/\/\d*$/, '')}/14`;
      const client = createClient({ url });
      await client.connect();
      await client.flushDb();
      await client.quit();
      return { url, drop: async () => undefined };
    }
    const name = `niapp_replicas_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = POSTGRES.replace(/\/[^/]*$/, `/${name}`);
    return {
      url,
      drop: async () => {
        const c = new pg.Client({ connectionString: POSTGRES });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  } catch (err) {
    if (required) throw err;
    console.warn(`skipping the ${kind} replica test: ${String(err)}`);
    return undefined;
  }
}

const preload = `--import=${join(root, 'test', 'helpers', 'fake-date.mjs')}`;
const fakeDate = (now: string) => ({ FAKE_NOW: now, NODE_OPTIONS: preload });

const posts = (out: string, text: string) => out.split('» ').filter((b) => b.startsWith('posted in #console') && b.includes(text)).length;

describe.each(['redis', 'postgres'] as const)('two replicas on %s', (kind) => {
  it('post a scheduled announcement once between them', async () => {
    const store = await freshStore(kind);
    if (!store) return;
    try {
      const text = `Replica check ${randomBytes(3).toString('hex')}`;
      // Scheduled at 9:00 CST on a faked Date; both replicas start at 10:00:05 (within the hour of grace), so the
      // post is due the moment they arm it, however long they take to start on a busy machine.
      const scheduled = await runBot([`/announce at "2026-12-01 10:00" "${text}"`], { BOT_DB: store.url, ...fakeDate('2026-12-01T15:00:00Z') });
      expect(scheduled.stdout).toContain('SCHEDULED: ANNOUNCEMENT');

      const replicas = [0, 1].map(() => startBot({ BOT_DB: store.url, ANNOUNCE_GRACE: '1h', LOG_LEVEL: 'info', ...fakeDate('2026-12-01T16:00:05Z') }));
      const posted = await until(() => replicas.some((r) => posts(r.stdout(), text) > 0), 90_000, 'a post').then(() => true);
      // Both have armed their schedules (a second, wrong post would be under way); SIGTERM lets in-flight posts finish.
      await until(() => replicas.every((r) => /"msg":"ready"/.test(r.stderr())), 90_000, 'both replicas ready');
      const codes = await Promise.all(replicas.map((r) => r.stop()));

      expect(posted).toBe(true);
      expect(replicas.map((r) => posts(r.stdout(), text)).sort()).toEqual([0, 1]);
      expect(codes).toEqual([0, 0]);
    } finally {
      await store.drop();
    }
  }, 200_000);

  it('do not post an announcement that a third process cancelled after they armed it', async () => {
    const store = await freshStore(kind);
    if (!store) return;
    try {
      const text = `Cancelled check ${randomBytes(3).toString('hex')}`;
      const due = Date.now() + 30_000;
      const scheduled = await runBot([`/announce at "in 30 seconds" "${text}"`], { BOT_DB: store.url });
      const id = /SCHEDULED: ANNOUNCEMENT (\w+)/.exec(scheduled.stdout)![1]!.toLowerCase();

      const replicas = [startBot({ BOT_DB: store.url }), startBot({ BOT_DB: store.url })];
      await new Promise((r) => setTimeout(r, 4000)); // both have started and armed it
      const cancelled = await runBot([`/announce cancel ${id}`], { BOT_DB: store.url });
      expect(cancelled.stdout).toMatch(/cancelled/i);
      expect(Date.now()).toBeLessThan(due); // the cancel really came before the time

      await new Promise((r) => setTimeout(r, due - Date.now() + 3000)); // past the time it was due
      await Promise.all(replicas.map((r) => r.stop()));
      expect(replicas.map((r) => posts(r.stdout(), text))).toEqual([0, 0]);
    } finally {
      await store.drop();
    }
  }, 90_000);
});
