// Growth and bad data. The sweep deletes expired rows (delivery ids, claims, sessions) in every backend, and
// keeps live ones. A row that is not JSON is skipped, counted and logged: `/poll list` and voting still work.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Repo } from '../../src/storage/repo.js';
import { type Store, openStore } from '../../src/storage/store.js';
import { z } from 'zod';
import { leader, member } from '../helpers/context.js';
import { pollHarness, postedPoll, press, privately } from '../polls/helpers.js';
import { ownRedis } from './vote-burst.js';

const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
});

/** Writes a raw row under the key a store gives `namespace:key`, and counts the rows under a namespace. */
interface Raw {
  write(full: string, text: string): Promise<void>;
  count(namespace: string): Promise<number>;
}

async function backend(kind: 'sqlite' | 'redis' | 'postgres'): Promise<{ url: string; raw: Raw } | undefined> {
  if (kind === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'niapp-sweep-')), 'bot.sqlite');
    const db = () => new sqlite3.Database(file);
    const all = (sql: string, ...p: unknown[]) =>
      new Promise<{ n: number }[]>((res, rej) => {
        const d = db();
        d.all(sql, p, (err, rows) => (d.close(), err ? rej(err) : res(rows as { n: number }[])));
      });
    return { url: `sqlite://${file}`, raw: { write: async (k, t) => void (await all('INSERT OR REPLACE INTO keyv (key, value) VALUES (?, ?)', k, t)), count: async (ns) => (await all('SELECT count(*) AS n FROM keyv WHERE key LIKE ?', `${ns}:%`))[0]!.n } };
  }
  if (kind === 'redis') {
    const redis = await ownRedis();
    cleanups.push(redis.stop);
    const client = createClient({ url: redis.url });
    client.on('error', () => undefined);
    await client.connect();
    cleanups.push(() => client.quit().then(() => undefined));
    return {
      url: redis.url,
      raw: {
        write: async (full, text) => void (await client.set(`${full.split(':')[0]}::${full}`, text)),
        count: async (ns) => (await client.keys(`${ns}::*`)).length,
      },
    };
  }
  try {
    const name = `niapp_sweep_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = POSTGRES.replace(/\/[^/]*$/, `/${name}`);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    cleanups.push(async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: POSTGRES });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    return {
      url,
      raw: {
        write: async (k, t) => void (await pool.query('INSERT INTO keyv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2', [k, t])),
        count: async (ns) => Number((await pool.query('SELECT count(*) AS n FROM keyv WHERE key LIKE $1', [`${ns}:%`])).rows[0].n),
      },
    };
  } catch (err) {
    if (process.env.STORE_TESTS_REQUIRED === '1') throw err;
    console.warn(`skipping the postgres sweep test: ${String(err)}`);
    return undefined;
  }
}

describe.each(['sqlite', 'redis', 'postgres'] as const)('%s', (kind) => {
  it('sweeps expired rows and keeps live ones; a non-JSON row is skipped, counted and logged', async () => {
    const b = await backend(kind);
    if (!b) return;
    const store: Store = await openStore(b.url);
    cleanups.push(() => store.close());
    const session = new Repo(store, 'dash-sessions', z.object({ by: z.string() }));
    await store.claim('slack-dedupe', 'delivery:old', 1, 1); // expires in 1 ms
    await session.set('expired', { by: 'x' }, 1);
    await store.claim('slack-dedupe', 'delivery:new', 1, 60_000);
    await session.set('live', { by: 'y' }, 60_000);
    await store.claim('poll-announced', 'forever', 1);
    await new Promise((r) => setTimeout(r, 20));
    const swept = await store.sweep();
    if (kind !== 'redis') expect(swept).toBe(2); // Redis expires them itself
    expect(await b.raw.count('slack-dedupe')).toBe(1);
    expect(await b.raw.count('dash-sessions')).toBe(1);
    expect(await b.raw.count('poll-announced')).toBe(1);
    expect(await session.get('live')).toEqual({ by: 'y' });

    await b.raw.write('dash-sessions:broken', '{not json');
    const before = store.corrupt;
    expect((await session.list()).map(([k]) => k)).toEqual(['live']);
    expect(await session.get('broken')).toBeUndefined();
    expect(store.corrupt).toBe(before + 2);
    expect(await store.sweep()).toBeGreaterThanOrEqual(0); // a corrupt row does not break the sweep either
  }, 30_000);
});

it('one non-JSON row breaks neither /poll list nor voting', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'niapp-corrupt-')), 'bot.sqlite');
  const h = await pollHarness({ BOT_DB: `sqlite://${file}` });
  try {
    const first = postedPoll(await h.run('/poll "Kept?" "Yes" "No"', leader()));
    const second = postedPoll(await h.run('/poll "Also kept?" "Yes" "No"', leader()));
    const db = new sqlite3.Database(file);
    const run = (sql: string, ...p: unknown[]) => new Promise<void>((res, rej) => db.run(sql, p, (err) => (err ? rej(err) : res())));
    await run('INSERT INTO keyv (key, value) VALUES (?, ?)', 'polls:zzbroken', 'not json at all');
    await run('INSERT INTO keyv (key, value) VALUES (?, ?)', `poll-votes:${first.id}:zzbroken`, '{"value":');
    await new Promise<void>((r) => db.close(() => r()));

    const list = (await h.run('/poll list', leader())).map((s) => s.text).join('\n');
    expect(list).toContain('Kept?');
    expect(list).toContain('Also kept?');
    expect(privately(await press(h, member('maria'), first.message, 'Yes', first.ref), 'maria')).toMatch(/recorded|your vote|you chose/i);
    expect(privately(await press(h, member('maria'), second.message, 'No', second.ref), 'maria')).toMatch(/recorded|your vote|you chose/i);
    expect(h.services.store.corrupt).toBeGreaterThanOrEqual(2);
  } finally {
    await h.close();
  }
}, 30_000);
