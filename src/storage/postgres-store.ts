// The PostgreSQL backend, for several replicas sharing one store. Claims are one INSERT … ON CONFLICT.
import type { Keyv } from 'keyv';
import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';
import { StoreUnavailableError } from '../core/errors.js';
import { type Backend, type IndexQuery, type RangeQuery, envelope, isLive, liveRows, namespacedKeyv, serialize, tryDeserialize } from './store.js';
import { INDEX_TABLE_SQL, orderBy, scoreBounds } from './ordered-index.js';

// The table @keyv/postgres uses; created here too so that claims work before keyv's first write.
const TABLE = 'public.keyv';

/** PostgreSQL's clock in epoch ms, for writes that must not land after a moment (`notAfter`). */
const NOW_MS = 'extract(epoch from clock_timestamp()) * 1000';

export async function openPostgresStore(url: string, connectTimeoutMs = 8000): Promise<Backend> {
  const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: connectTimeoutMs });
  pool.on('error', () => undefined);
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (key VARCHAR(255) PRIMARY KEY, value TEXT)`);
  for (const sql of INDEX_TABLE_SQL) await pool.query(sql.replace('REAL', 'DOUBLE PRECISION'));
  return new PostgresStore(url, pool);
}

class PostgresStore implements Backend {
  onCorrupt?: (key: string) => void;
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

  async claim(namespace: string, key: string, value: unknown, ttlMs?: number, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    try {
      const result = await this.pool.query(
        `INSERT INTO ${TABLE} (key, value) SELECT $1, $2 WHERE ${NOW_MS} <= $4
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
           WHERE (${TABLE.split('.')[1]}.value::jsonb->>'expires') IS NOT NULL
             AND (${TABLE.split('.')[1]}.value::jsonb->>'expires')::bigint < $3
         RETURNING key`,
        [`${namespace}:${key}`, serialize(envelope(value, ttlMs)), Date.now(), notAfter],
      );
      return result.rowCount === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async put(namespace: string, key: string, value: unknown, ttlMs?: number, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    try {
      const result = await this.pool.query(
        `INSERT INTO ${TABLE} (key, value) SELECT $1, $2 WHERE ${NOW_MS} <= $3
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value RETURNING key`,
        [`${namespace}:${key}`, serialize(envelope(value, ttlMs)), notAfter],
      );
      return result.rowCount === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async sweep(): Promise<number> {
    // Read, then delete by key (a corrupt row would fail a ::jsonb cast inside SQL); only rows still expired go.
    const { rows } = await this.pool.query<{ key: string; value: string }>(`SELECT key, value FROM ${TABLE} WHERE value LIKE '%"expires":%'`);
    const now = Date.now();
    const expired = rows.filter((r) => { const e = tryDeserialize(r.value); return e !== undefined && !isLive(e, now); }).map((r) => r.key);
    if (!expired.length) return 0;
    const { rowCount } = await this.pool.query(
      `DELETE FROM ${TABLE} WHERE key = ANY($1) AND (value::jsonb->>'expires')::bigint < $2`,
      [expired, now],
    );
    return rowCount ?? 0;
  }

  async scan(namespace: string, prefix: string): Promise<[string, unknown][]> {
    const { rows } = await this.pool.query<{ key: string; value: string }>(
      `SELECT key, value FROM ${TABLE} WHERE starts_with(key, $1) ORDER BY key COLLATE "C"`,
      [`${namespace}:${prefix}`],
    );
    return liveRows(rows, namespace.length + 1, this.onCorrupt);
  }

  async range(namespace: string, q: RangeQuery): Promise<[string, unknown][]> {
    const where = ['starts_with(key, $1)'];
    const params: unknown[] = [`${namespace}:${q.prefix ?? ''}`];
    if (q.after !== undefined) (params.push(`${namespace}:${q.after}`), where.push(`key COLLATE "C" > $${params.length}`));
    if (q.before !== undefined) (params.push(`${namespace}:${q.before}`), where.push(`key COLLATE "C" < $${params.length}`));
    params.push(q.limit);
    const { rows } = await this.pool.query<{ key: string; value: string }>(
      `SELECT key, value FROM ${TABLE} WHERE ${where.join(' AND ')} ORDER BY key COLLATE "C" ${q.reverse ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
      params,
    );
    return liveRows(rows, namespace.length + 1, this.onCorrupt);
  }

  async count(namespace: string, prefix: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${TABLE} WHERE starts_with(key, $1)`, [`${namespace}:${prefix}`]);
    return Number(rows[0]?.n ?? 0);
  }

  async indexPut(index: string, id: string, group: string, score: number, ifAbsent: boolean, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    try {
      const result = await this.pool.query(
        `INSERT INTO keyv_index (name, id, grp, score) SELECT $1, $2, $3, $4 WHERE ${NOW_MS} <= $5
         ON CONFLICT (name, id) DO ${ifAbsent ? 'NOTHING' : 'UPDATE SET grp = EXCLUDED.grp, score = EXCLUDED.score'} RETURNING id`,
        [index, id, group, score, notAfter],
      );
      return result.rowCount === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async indexRemove(index: string, id: string): Promise<void> {
    await this.pool.query('DELETE FROM keyv_index WHERE name = $1 AND id = $2', [index, id]);
  }

  async indexPage(index: string, group: string, q: IndexQuery): Promise<string[]> {
    const [min, max] = scoreBounds(q);
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM keyv_index WHERE name = $1 AND grp = $2 AND score >= $3 AND score <= $4 ${orderBy(q, ' COLLATE "C"')} LIMIT $5 OFFSET $6`,
      [index, group, min, max, q.limit, q.offset ?? 0],
    );
    return rows.map((r) => r.id);
  }

  async indexCount(index: string, group: string, q: Pick<IndexQuery, 'min' | 'max'> = {}): Promise<number> {
    const [min, max] = scoreBounds(q);
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM keyv_index WHERE name = $1 AND grp = $2 AND score >= $3 AND score <= $4', [index, group, min, max]);
    return Number(rows[0]?.n ?? 0);
  }

  async clock(): Promise<number> {
    const { rows } = await this.pool.query<{ now: string }>(`SELECT ${NOW_MS} AS now`);
    return Number(rows[0]!.now);
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
