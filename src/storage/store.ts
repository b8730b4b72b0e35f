// The store: keyv over sqlite (the default), one keyv per namespace. Services never see the backend;
// they use typed repositories (repo.ts) and, where a record must be written at most once, `claim`.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Keyv } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { StoreUnavailableError } from '../core/errors.js';

export interface Store {
  readonly url: string;
  /** The keyv for one namespace (records of one kind: 'polls', 'votes', 'schedules' …). */
  keyv(namespace: string): Keyv;
  /**
   * Writes `key` only if it is absent (or expired), atomically across processes sharing the store.
   * Returns true when this call wrote it. Used for idempotency keys and one-time claims.
   */
  claim(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean>;
  /** Keys of a namespace that start with `prefix`, with their values, in key order. */
  scan(namespace: string, prefix: string): Promise<[string, unknown][]>;
  /** True when the store answers a trivial read. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

type SqliteAdapter = InstanceType<typeof KeyvSqlite> & {
  query(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
};

const serialize = (data: unknown) => JSON.stringify(data);
const deserialize = (text: string) => JSON.parse(text) as { value: unknown; expires?: number };

/** Opens the store named by a URL: `sqlite://data/bot.sqlite` or `sqlite://:memory:`. */
export async function openStore(url: string): Promise<Store> {
  if (!url.startsWith('sqlite://')) {
    throw new Error(`BOT_DB: only sqlite:// URLs are supported by this build (got "${url.split('://')[0]}://")`);
  }
  const file = url.slice('sqlite://'.length);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return new SqliteStore(url, file).ready();
}

class SqliteStore implements Store {
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
    }
    return this;
  }

  keyv(namespace: string): Keyv {
    let keyv = this.keyvs.get(namespace);
    if (!keyv) {
      // Keyv writes its namespace onto the adapter object; each namespace gets a view with its own field.
      const view = Object.create(this.db) as SqliteAdapter;
      (view as { namespace?: string }).namespace = namespace;
      keyv = new Keyv({ store: view, namespace, throwOnErrors: true, serialize, deserialize } as never);
      keyv.on('error', () => undefined);
      this.keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  async claim(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    const full = `${namespace}:${key}`;
    const now = Date.now();
    const row = serialize({ value, expires: ttlMs ? now + ttlMs : undefined });
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
    const now = Date.now();
    const out: [string, unknown][] = [];
    for (const row of rows) {
      const data = deserialize(String(row.value));
      if (typeof data.expires === 'number' && data.expires < now) continue;
      out.push([String(row.key).slice(namespace.length + 1), data.value]);
    }
    return out;
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

