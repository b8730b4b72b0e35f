// The sqlite backend (the default): one file, one connection, WAL.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Keyv } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { StoreUnavailableError } from '../core/errors.js';
import { type Backend, type IndexQuery, type RangeQuery, envelope, liveRows, namespacedKeyv, serialize } from './store.js';
import { INDEX_TABLE_SQL, orderBy, scoreBounds } from './ordered-index.js';

type SqliteAdapter = InstanceType<typeof KeyvSqlite> & {
  query(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
};

/**
 * How long one statement keeps trying while another process holds the lock. Kept well under the store's call
 * limit (guarded.ts LATE_WRITE_MARGIN_MS) so that a write that takes its time cannot land after the bot gave up.
 */
export const BUSY_TIMEOUT_MS = 400;
/** The pauses between tries of a statement that found the database locked (the last one repeats). */
const BUSY_PAUSES_MS = [1, 2, 5, 10, 20, 30, 50];

/**
 * Runs a statement, trying again with timers while sqlite answers SQLITE_BUSY (another process holds the lock),
 * for up to BUSY_TIMEOUT_MS; a statement that found the lock did nothing, so trying again is safe (and `notAfter`
 * is checked again by the store's own clock). sqlite's own busy timeout is off on purpose: its handler sleeps
 * inside sqlite3_step while holding the connection's mutex, so every other call on the connection waits too —
 * the worker threads of libuv's pool and node-sqlite3's statement finalization, which runs on the main thread.
 * Measured before this change: with an external lock held and 20 clicks waiting, the event loop stood still for
 * up to 5.7 s (bench/lock.bench.ts).
 */
async function retryBusy<R>(run: () => Promise<R>): Promise<R> {
  const started = Date.now();
  for (let i = 0; ; i++) {
    try {
      return await run();
    } catch (err) {
      const pause = BUSY_PAUSES_MS[Math.min(i, BUSY_PAUSES_MS.length - 1)]!;
      if ((err as { code?: string })?.code !== 'SQLITE_BUSY' || Date.now() - started + pause > BUSY_TIMEOUT_MS) throw err;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
/** sqlite's clock in epoch ms, for writes that must not land after a moment (`notAfter`). */
const NOW_MS = "(julianday('now') - 2440587.5) * 86400000.0";

export async function openSqliteStore(url: string): Promise<Backend> {
  const file = url.slice('sqlite://'.length);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return new SqliteStore(url, file).ready();
}

class SqliteStore implements Backend {
  onCorrupt?: (key: string) => void;
  readonly shared = false;
  private readonly keyvs = new Map<string, Keyv>();
  /** One connection for the whole store: sqlite has one writer anyway, and scans and claims see every write. */
  private readonly db: SqliteAdapter;

  constructor(
    readonly url: string,
    private readonly file: string,
  ) {
    this.db = new KeyvSqlite({ uri: url, iterationLimit: 1000 } as never) as SqliteAdapter;
    this.db.on('error', () => undefined); // errors reach the caller through keyv's throwOnErrors
    // Every statement (keyv's and this file's) goes through `query`: each one retries a held lock with timers.
    const query = this.db.query;
    this.db.query = (sql, ...params) => retryBusy(() => query(sql, ...params));
    // Every namespace's Keyv listens on this one connection: more than node's default ten is expected.
    (this.db as unknown as { setMaxListeners?(n: number): void }).setMaxListeners?.(0);
  }

  async ready(): Promise<this> {
    // No waiting inside sqlite for another process's lock (node-sqlite3 sets 1 s by default): see retryBusy.
    await this.db.query('PRAGMA busy_timeout = 0');
    // WAL keeps readers and the writer apart; synchronous=NORMAL survives a killed process (not a power cut),
    // the usual trade of sqlite-backed services for write speed.
    if (this.file !== ':memory:') {
      await this.db.query('PRAGMA journal_mode=WAL');
      await this.db.query('PRAGMA synchronous=NORMAL');
      // Deleted records are overwritten, not left in free pages: a closed poll's deleted salt must be gone.
      await this.db.query('PRAGMA secure_delete=ON');
    }
    for (const sql of INDEX_TABLE_SQL) await this.db.query(sql);
    return this;
  }

  keyv(namespace: string): Keyv {
    let keyv = this.keyvs.get(namespace);
    if (!keyv) {
      keyv = namespacedKeyv(this.db, namespace);
      this.keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  async claim(namespace: string, key: string, value: unknown, ttlMs?: number, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    const full = `${namespace}:${key}`;
    const now = Date.now();
    const row = serialize(envelope(value, ttlMs));
    try {
      // Replace an expired record, keep a live one: one statement, so two racing writers cannot both win.
      const rows = await this.db.query(
        `INSERT INTO keyv (key, value) SELECT ?, ? WHERE ${NOW_MS} <= ?
         ON CONFLICT(key) DO UPDATE SET value = excluded.value
           WHERE json_valid(keyv.value) AND json_extract(keyv.value, '$.expires') IS NOT NULL AND json_extract(keyv.value, '$.expires') < ?
         RETURNING key`,
        full,
        row,
        notAfter,
        now,
      );
      return rows.length === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async put(namespace: string, key: string, value: unknown, ttlMs?: number, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    try {
      const rows = await this.db.query(
        `INSERT INTO keyv (key, value) SELECT ?, ? WHERE ${NOW_MS} <= ?
         ON CONFLICT(key) DO UPDATE SET value = excluded.value RETURNING key`,
        `${namespace}:${key}`,
        serialize(envelope(value, ttlMs)),
        notAfter,
      );
      return rows.length === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async sweep(): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM keyv WHERE json_valid(value) AND json_extract(value, '$.expires') IS NOT NULL AND json_extract(value, '$.expires') < ? RETURNING key`,
      Date.now(),
    );
    return rows.length;
  }

  async scan(namespace: string, prefix: string): Promise<[string, unknown][]> {
    const start = `${namespace}:${prefix}`;
    // A key range (not LIKE) so that sqlite walks the primary-key index and `_`/`%` in keys mean nothing.
    const rows = await this.db.query('SELECT key, value FROM keyv WHERE key >= ? AND key < ? ORDER BY key', start, `${start}\uffff`);
    return liveRows(rows.map((r: Record<string, unknown>) => ({ key: String(r.key), value: String(r.value) })), namespace.length + 1, this.onCorrupt);
  }

  async range(namespace: string, q: RangeQuery): Promise<[string, unknown][]> {
    const start = `${namespace}:${q.prefix ?? ''}`;
    const where = ['key >= ?', 'key < ?'];
    const params: unknown[] = [start, `${start}\uffff`];
    if (q.after !== undefined) (where.push('key > ?'), params.push(`${namespace}:${q.after}`));
    if (q.before !== undefined) (where.push('key < ?'), params.push(`${namespace}:${q.before}`));
    const rows = await this.db.query(`SELECT key, value FROM keyv WHERE ${where.join(' AND ')} ORDER BY key ${q.reverse ? 'DESC' : 'ASC'} LIMIT ?`, ...params, q.limit);
    return liveRows(rows.map((r: Record<string, unknown>) => ({ key: String(r.key), value: String(r.value) })), namespace.length + 1, this.onCorrupt);
  }

  async count(namespace: string, prefix: string): Promise<number> {
    const start = `${namespace}:${prefix}`;
    const rows = await this.db.query('SELECT count(*) AS n FROM keyv WHERE key >= ? AND key < ?', start, `${start}\uffff`);
    return Number(rows[0]?.n ?? 0);
  }

  async indexPut(index: string, id: string, group: string, score: number, ifAbsent: boolean, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    try {
      const rows = await this.db.query(
        `INSERT INTO keyv_index (name, id, grp, score) SELECT ?, ?, ?, ? WHERE ${NOW_MS} <= ?
         ON CONFLICT(name, id) DO ${ifAbsent ? 'NOTHING' : 'UPDATE SET grp = excluded.grp, score = excluded.score'} RETURNING id`,
        index, id, group, score, notAfter,
      );
      return rows.length === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async indexRemove(index: string, id: string): Promise<void> {
    await this.db.query('DELETE FROM keyv_index WHERE name = ? AND id = ?', index, id);
  }

  async indexPage(index: string, group: string, q: IndexQuery): Promise<string[]> {
    const [min, max] = scoreBounds(q);
    const rows = await this.db.query(`SELECT id FROM keyv_index WHERE name = ? AND grp = ? AND score >= ? AND score <= ? ${orderBy(q)} LIMIT ? OFFSET ?`, index, group, min, max, q.limit, q.offset ?? 0);
    return rows.map((r: Record<string, unknown>) => String(r.id));
  }

  async indexCount(index: string, group: string, q: Pick<IndexQuery, 'min' | 'max'> = {}): Promise<number> {
    const [min, max] = scoreBounds(q);
    const rows = await this.db.query('SELECT count(*) AS n FROM keyv_index WHERE name = ? AND grp = ? AND score >= ? AND score <= ?', index, group, min, max);
    return Number(rows[0]?.n ?? 0);
  }

  async scrub(): Promise<void> {
    if (this.file === ':memory:') return;
    // The WAL still holds the pages as they were before the delete: copy back to the main file (whose freed
    // pages secure_delete has zeroed) and truncate the WAL to zero bytes.
    await this.db.query('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  async clock(): Promise<number> {
    const rows = (await this.db.query(`SELECT ${NOW_MS} AS now`)) as { now: number }[];
    return Number(rows[0]!.now);
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.db.disconnect();
  }
}

