// The store: keyv over sqlite (the default), Redis or PostgreSQL, one keyv per namespace. Services never see
// the backend; they use typed repositories (repo.ts) and, where a record must be written at most once, `claim`.
import { Keyv } from 'keyv';

export interface Store {
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
  claim(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean>;
  /** Keys of a namespace that start with `prefix`, with their values, in key order. */
  scan(namespace: string, prefix: string): Promise<[string, unknown][]>;
  /**
   * Makes deleted records unrecoverable from the files (sqlite: free pages are zeroed by secure_delete, and this
   * truncates the WAL). Called after deleting anything secret; a no-op where the backend has no such files.
   */
  scrub?(): Promise<void>;
  /** True when the store answers a trivial read. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens the store named by a URL: `sqlite://data/bot.sqlite` (default; `sqlite://:memory:` for tests),
 * `redis://host:6379` or `postgres://user@host/db` (several replicas sharing one store).
 */
export async function openStore(url: string): Promise<Store> {
  const scheme = url.split('://')[0];
  if (scheme === 'sqlite') return (await import('./sqlite-store.js')).openSqliteStore(url);
  if (scheme === 'redis' || scheme === 'rediss') return (await import('./redis-store.js')).openRedisStore(url);
  if (scheme === 'postgres' || scheme === 'postgresql') return (await import('./postgres-store.js')).openPostgresStore(url);
  throw new Error(`BOT_DB: unsupported store "${scheme}://"; use sqlite://, redis:// or postgres://`);
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
