// The PostgreSQL backend, for several replicas sharing one store. Claims are one INSERT … ON CONFLICT.
import type { Keyv } from 'keyv';
import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';
import { StoreUnavailableError } from '../core/errors.js';
import { type Store, deserialize, envelope, isLive, namespacedKeyv, serialize } from './store.js';

// The table @keyv/postgres uses; created here too so that claims work before keyv's first write.
const TABLE = 'public.keyv';

export async function openPostgresStore(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  pool.on('error', () => undefined);
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (key VARCHAR(255) PRIMARY KEY, value TEXT)`);
  return new PostgresStore(url, pool);
}

class PostgresStore implements Store {
  readonly shared = true;
  private readonly keyvs = new Map<string, Keyv>();
  private readonly adapter: KeyvPostgres;
  constructor(
    readonly url: string,
    private readonly pool: pg.Pool,
  ) {
    this.adapter = new KeyvPostgres({ uri: url });
  }

  keyv(namespace: string): Keyv {
    let keyv = this.keyvs.get(namespace);
    if (!keyv) {
      keyv = namespacedKeyv(this.adapter, namespace);
      this.keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  async claim(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    try {
      const result = await this.pool.query(
        `INSERT INTO ${TABLE} (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
           WHERE (${TABLE.split('.')[1]}.value::jsonb->>'expires') IS NOT NULL
             AND (${TABLE.split('.')[1]}.value::jsonb->>'expires')::bigint < $3
         RETURNING key`,
        [`${namespace}:${key}`, serialize(envelope(value, ttlMs)), Date.now()],
      );
      return result.rowCount === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async scan(namespace: string, prefix: string): Promise<[string, unknown][]> {
    const { rows } = await this.pool.query<{ key: string; value: string }>(
      `SELECT key, value FROM ${TABLE} WHERE starts_with(key, $1) ORDER BY key COLLATE "C"`,
      [`${namespace}:${prefix}`],
    );
    return rows.flatMap((row) => {
      const data = deserialize(row.value);
      return isLive(data) ? [[row.key.slice(namespace.length + 1), data.value] as [string, unknown]] : [];
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.adapter.disconnect().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
