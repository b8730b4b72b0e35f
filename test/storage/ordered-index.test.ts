// The ordered index and the paged reads every backend offers (sqlite always; Redis and PostgreSQL when the
// local servers answer): what the dashboard's lists stand on. Two connections to one store play two replicas.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OrderedIndex } from '../../src/storage/ordered-index.js';
import { Repo } from '../../src/storage/repo.js';
import { type Store, openStore } from '../../src/storage/store.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  try {
    const s = await Promise.race([openStore(url), new Promise<never>((_, r) => setTimeout(() => r(new Error('timeout')), 3000))]);
    await s.close();
    return true;
  } catch {
    if (process.env.STORE_TESTS_REQUIRED === '1') throw new Error(`${url} is required in CI but not reachable`);
    return false;
  }
}

const sqliteUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'niapp-index-')), 'bot.sqlite')}`;
const backends: [string, string, boolean][] = [
  ['sqlite', sqliteUrl, true],
  ['redis', REDIS, await reachable(REDIS)],
  ['postgres', POSTGRES, await reachable(POSTGRES)],
];
const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

describe.each(backends)('%s ordered index', (_name, url, available) => {
  const open = async () => {
    const s = await openStore(url);
    opened.push(s);
    return s;
  };
  const name = () => `t${randomBytes(4).toString('hex')}`;

  it.runIf(available)('pages a group by score then id, either way, within bounds, with exact counts', async () => {
    const index = new OrderedIndex(await open(), name());
    for (const [id, score] of [['c', 30], ['a', 10], ['b', 20], ['b2', 20], ['d', 40]] as const) await index.put(id, 'open', score);
    await index.put('x', 'closed', 15);
    expect(await index.page('open', { limit: 3 })).toEqual({ ids: ['a', 'b', 'b2'], total: 5 });
    expect((await index.page('open', { limit: 3, offset: 3 })).ids).toEqual(['c', 'd']);
    expect((await index.page('open', { limit: 2, reverse: true })).ids).toEqual(['d', 'c']);
    expect((await index.page('open', { limit: 2, offset: 2, reverse: true })).ids).toEqual(['b2', 'b']);
    expect(await index.page('open', { limit: 10, min: 20, max: 30 })).toEqual({ ids: ['b', 'b2', 'c'], total: 3 });
    expect(await index.count('closed')).toBe(1);
  });

  it.runIf(available)('a put moves a row between groups; putIfAbsent never undoes a newer write; remove drops it', async () => {
    const index = new OrderedIndex(await open(), name());
    await index.put('p1', 'open', 100);
    await index.put('p1', 'closed', 200);
    expect(await index.count('open')).toBe(0);
    expect(await index.page('closed', { limit: 5 })).toEqual({ ids: ['p1'], total: 1 });
    expect(await index.putIfAbsent('p1', 'open', 100)).toBe(false); // a backfill that read the record before the close
    expect(await index.count('open')).toBe(0);
    expect(await index.putIfAbsent('p2', 'open', 50)).toBe(true);
    await index.remove('p1');
    await index.remove('nothing-here');
    expect(await index.count('closed')).toBe(0);
    expect((await index.page('open', { limit: 5 })).ids).toEqual(['p2']);
  });

  it.runIf(available)('two connections (replicas) see one row per id, whichever wrote last', async () => {
    const n = name();
    const [a, b] = [new OrderedIndex(await open(), n), new OrderedIndex(await open(), n)];
    await a.put('e1', 'live', 5);
    await b.put('e1', 'cancelled', 5);
    await Promise.all([a.put('e2', 'live', 1), b.put('e2', 'cancelled', 1)]);
    const [live, cancelled] = await Promise.all([a.count('live'), a.count('cancelled')]);
    expect(live + cancelled).toBe(2); // never in both groups, never lost
    expect((await b.page('cancelled', { limit: 5 })).ids).toContain('e1');
  });

  it.runIf(available)('a repo reads a page of time-keyed rows either way, counts, and reads several ids at once', async () => {
    const store = await open();
    const log = new Repo(store, name(), z.object({ n: z.number() }));
    for (let i = 0; i < 7; i++) await log.set(`2026-12-0${i + 1}~x`, { n: i });
    expect((await log.range({ limit: 3, reverse: true })).map(([, v]) => v.n)).toEqual([6, 5, 4]);
    expect((await log.range({ limit: 2, before: '2026-12-04~x', reverse: true })).map(([, v]) => v.n)).toEqual([2, 1]);
    expect((await log.range({ limit: 2, after: '2026-12-04~x' })).map(([, v]) => v.n)).toEqual([4, 5]);
    expect(await log.count('2026-12-0')).toBe(7);
    expect(await log.getMany(['2026-12-02~x', 'missing', '2026-12-07~x'])).toEqual([{ n: 1 }, undefined, { n: 6 }]);
  });
});

