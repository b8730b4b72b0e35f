// The sqlite backend (the default): one file, one connection, WAL.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Keyv } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { StoreUnavailableError } from '../core/errors.js';
import { type Store, deserialize, envelope, isLive, namespacedKeyv, serialize } from './store.js';

type SqliteAdapter = InstanceType<typeof KeyvSqlite> & {
  query(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
};

export async function openSqliteStore(url: string): Promise<Store> {
  const file = url.slice('sqlite://'.length);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return new SqliteStore(url, file).ready();
}

class SqliteStore implements Store {
  readonly shared = false;
  private readonly keyvs = new Map<string, Keyv>();
  /** One connection for the whole store: sqlite has one writer anyway, and scans and claims see every write. */
  private readonly db: SqliteAdapter;

  constructor(
    readonly url: string,
    private readonly file: string,
  ) {
    this.db = new KeyvSqlite({ uri: url, busyTimeout: 5000, iterationLimit: 1000 } as never) as SqliteAdapter;
    this.db.on('error', () => undefined); // errors reach the caller through keyv's throwOnErrors
  }

  async ready(): Promise<this> {
    // WAL keeps readers and the writer apart; synchronous=NORMAL survives a killed process (not a power cut),
    // the usual trade of sqlite-backed services for write speed.
    if (this.file !== ':memory:') {
      await this.db.query('PRAGMA journal_mode=WAL');
      await this.db.query('PRAGMA synchronous=NORMAL');
      // Deleted records are overwritten, not left in free pages: a closed poll's deleted salt must be gone.
      await this.db.query('PRAGMA secure_delete=ON');
    }
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

  async claim(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    const full = `${namespace}:${key}`;
    const now = Date.now();
    const row = serialize(envelope(value, ttlMs));
    try {
      // Replace an expired record, keep a live one: one statement, so two racing writers cannot both win.
      const rows = await this.db.query(
        `INSERT INTO keyv (key, value) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value
           WHERE json_extract(keyv.value, '$.expires') IS NOT NULL AND json_extract(keyv.value, '$.expires') < ?
         RETURNING key`,
        full,
        row,
        now,
      );
      return rows.length === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async scan(namespace: string, prefix: string): Promise<[string, unknown][]> {
    const start = `${namespace}:${prefix}`;
    // A key range (not LIKE) so that sqlite walks the primary-key index and `_`/`%` in keys mean nothing.
    const rows = await this.db.query('SELECT key, value FROM keyv WHERE key >= ? AND key < ? ORDER BY key', start, `${start}\uffff`);
    const out: [string, unknown][] = [];
    for (const row of rows) {
      const data = deserialize(String(row.value));
      if (isLive(data)) out.push([String(row.key).slice(namespace.length + 1), data.value]);
    }
    return out;
  }

  async scrub(): Promise<void> {
    if (this.file === ':memory:') return;
    // The WAL still holds the pages as they were before the delete: copy back to the main file (whose freed
    // pages secure_delete has zeroed) and truncate the WAL to zero bytes.
    await this.db.query('PRAGMA wal_checkpoint(TRUNCATE)');
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

