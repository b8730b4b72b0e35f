// The store: keyv over sqlite (the default), Redis or PostgreSQL, one keyv per namespace. Services never see
// the backend; they use typed repositories (repo.ts) and, where a record must be written at most once, `claim`.
import { Keyv } from 'keyv';

/** What each backend (sqlite, Redis, PostgreSQL) implements; guarded.ts makes a Store of it. */
export interface Backend {
  readonly url: string;
  /**
   * True when several bot processes may write this store (Redis, PostgreSQL). A service must then not trust an
   * in-memory copy of records that another process may have changed.
   */
  readonly shared: boolean;
  /** The keyv for one namespace (records of one kind: 'polls', 'votes', 'schedules' …). */
  keyv(namespace: string): Keyv;
  /**
   * Writes `key` only if it is absent (or expired), atomically across processes sharing the store.
   * Returns true when this call wrote it. Used for idempotency keys and one-time claims.
   */
  claim(namespace: string, key: string, value: unknown, ttlMs?: number, notAfter?: number): Promise<boolean>;
  /**
   * Writes `key` whole. With `notAfter` (epoch ms), the store itself refuses the write once its clock is past
   * that moment (the write returns false): a write the bot already reported as failed never lands later.
   */
  put(namespace: string, key: string, value: unknown, ttlMs?: number, notAfter?: number): Promise<boolean>;
  /**
   * Keys of a namespace that start with `prefix`, with their values, in key order. A row that is not valid JSON
   * is skipped, counted (`corrupt`) and logged by its key, never failing its neighbours.
   */
  scan(namespace: string, prefix: string): Promise<[string, unknown][]>;
  /**
   * Makes deleted records unrecoverable from the files (sqlite: free pages are zeroed by secure_delete, and this
   * truncates the WAL). Called after deleting anything secret; a no-op where the backend has no such files.
   */
  scrub?(): Promise<void>;
  /**
   * Up to `limit` live rows of a namespace in key order (newest first with `reverse`), only keys starting with
   * `prefix` and strictly after `after` / before `before`: a page of a time-keyed log without reading the rest.
   */
  range(namespace: string, q: RangeQuery): Promise<[string, unknown][]>;
  /** How many rows of a namespace have keys starting with `prefix` (expired rows not yet swept included). */
  count(namespace: string, prefix: string): Promise<number>;
  /**
   * Ordered indexes (see ordered-index.ts): each (index, id) row is in one `group` with a numeric `score`.
   * A put moves the row between groups atomically; with `ifAbsent` it writes only a row that is not there yet.
   * Returns false when nothing was written (present, or the store's clock is past `notAfter`).
   */
  indexPut(index: string, id: string, group: string, score: number, ifAbsent: boolean, notAfter?: number): Promise<boolean>;
  indexRemove(index: string, id: string): Promise<void>;
  /** Ids of one group, ordered by score then id (both descending with `reverse`), scores within [min, max]. */
  indexPage(index: string, group: string, q: IndexQuery): Promise<string[]>;
  indexCount(index: string, group: string, q?: Pick<IndexQuery, 'min' | 'max'>): Promise<number>;
  /** Deletes expired rows (dedupe ids, claims, sessions); returns how many. */
  sweep(): Promise<number>;
  /** The store's own clock in epoch ms (the clock `notAfter` is checked against). */
  clock(): Promise<number>;
  /** True when the store answers a trivial read. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Set by guarded.ts: told the key of each row a scan skipped as corrupt. */
  onCorrupt?: (key: string) => void;
}

export interface RangeQuery {
  prefix?: string;
  after?: string;
  before?: string;
  limit: number;
  reverse?: boolean;
}

export interface IndexQuery {
  /** Lowest score included (default: none). */
  min?: number;
  /** Highest score included (default: none). */
  max?: number;
  offset?: number;
  limit: number;
  reverse?: boolean;
}

/** A backend as opened by openStore: guarded.ts adds time limits and outage reporting around every call. */
export interface Store extends Backend {
  /** Runs one store operation with the store's timeout and outage accounting (used by repo.ts for keyv calls). */
  call<R>(what: string, op: (notAfter: number) => Promise<R>): Promise<R>;
  /** Rows skipped so far because they were not valid JSON. */
  readonly corrupt: number;
}

/**
 * Opens the store named by a URL: `sqlite://data/bot.sqlite` (default; `sqlite://:memory:` for tests),
 * `redis://host:6379` or `postgres://user@host/db` (several replicas sharing one store).
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const scheme = url.split('://')[0];
  const open = async (): Promise<Backend> => {
    if (scheme === 'sqlite') return (await import('./sqlite-store.js')).openSqliteStore(url);
    if (scheme === 'redis' || scheme === 'rediss') return (await import('./redis-store.js')).openRedisStore(url, options.openTimeoutMs ?? OPEN_TIMEOUT_MS);
    if (scheme === 'postgres' || scheme === 'postgresql') return (await import('./postgres-store.js')).openPostgresStore(url, options.openTimeoutMs ?? OPEN_TIMEOUT_MS);
    throw new Error(`BOT_DB: unsupported store "${scheme}://"; use sqlite://, redis:// or postgres://`);
  };
  const { guardStore, openWithin } = await import('./guarded.js');
  const store = guardStore(await openWithin(url, options.openTimeoutMs ?? OPEN_TIMEOUT_MS, open), options);
  await store.clock();
  return store;
}

export interface StoreOptions {
  /** Each operation's limit (default STORE_TIMEOUT_MS). */
  timeoutMs?: number;
  /** How long opening may take before the start fails (default OPEN_TIMEOUT_MS). */
  openTimeoutMs?: number;
  /** Where outages, recoveries and corrupt rows are reported. */
  log?: import('pino').Logger;
}
/** A store call that has not answered in this time fails with "try again" (well within Slack's 3 s). */
export const STORE_TIMEOUT_MS = 2000;
/** A start against a store that does not answer fails after this long, naming the store. */
export const OPEN_TIMEOUT_MS = 8000;

/** The URL with any password replaced by ****, fit for logs and error messages. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1****@');
}

/** Parses a stored row; undefined when it is not valid JSON (a corrupt row, skipped by the caller). */
export function tryDeserialize(text: string): Envelope | undefined {
  try {
    const e = deserialize(text);
    return e && typeof e === 'object' ? e : undefined;
  } catch {
    return undefined;
  }
}

/** How every backend stores a record: keyv's envelope, as plain JSON (values are zod-checked JSON). */
export interface Envelope {
  value: unknown;
  expires?: number;
}
export const serialize = (data: Envelope): string => JSON.stringify(data);
export const deserialize = (text: string): Envelope => JSON.parse(text) as Envelope;
export const envelope = (value: unknown, ttlMs?: number): Envelope => ({ value, expires: ttlMs ? Date.now() + ttlMs : undefined });
export const isLive = (e: Envelope, now = Date.now()): boolean => typeof e.expires !== 'number' || e.expires >= now;

/**
 * A Keyv for one namespace over an adapter shared by all namespaces (one connection). Keyv writes its namespace
 * onto the adapter object, so each namespace gets a view of the adapter with its own `namespace` field.
 */
export function namespacedKeyv(adapter: object, namespace: string): Keyv {
  const view = Object.create(adapter) as { namespace?: string };
  view.namespace = namespace;
  const keyv = new Keyv({ store: view, namespace, throwOnErrors: true, serialize, deserialize } as never);
  keyv.on('error', () => undefined); // errors reach the caller through throwOnErrors
  return keyv;
}

/** Rows of a scan as [key without `strip` chars, value]: expired rows dropped, corrupt ones reported and skipped. */
export function liveRows(rows: { key: string; value: string }[], strip: number, onCorrupt?: (key: string) => void, now = Date.now()): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const row of rows) {
    const data = tryDeserialize(row.value);
    if (!data) onCorrupt?.(row.key);
    else if (isLive(data, now)) out.push([row.key.slice(strip), data.value]);
  }
  return out;
}
