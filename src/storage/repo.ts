// A typed repository: records of one kind in one namespace, validated by zod on the way in and out. Every call
// goes through the store's time limit (guarded.ts); a row that is not valid JSON or does not match its schema
// is skipped, counted and logged by its key, and never breaks its neighbours.
import type { z } from 'zod';
import type { Logger } from 'pino';
import { StoreUnavailableError, isStoreUnavailable } from '../core/errors.js';
import type { Store } from './store.js';

export class Repo<T> {
  constructor(
    private readonly store: Store,
    readonly namespace: string,
    private readonly schema: z.ZodType<T>,
    private readonly log?: Logger,
  ) {}

  /** The record, or undefined when there is none — or when the stored row is corrupt (reported, then skipped). */
  async get(id: string): Promise<T | undefined> {
    let raw: unknown;
    try {
      raw = await guard(() => this.store.call('read', () => this.store.keyv(this.namespace).get(id)));
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      this.store.onCorrupt?.(`${this.namespace}:${id}`);
      return undefined;
    }
    if (raw === undefined) return undefined;
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      this.store.onCorrupt?.(`${this.namespace}:${id}`);
      this.log?.warn({ namespace: this.namespace, id, problem: parsed.error.issues[0]?.message }, 'skipped a record that does not match its schema');
      return undefined;
    }
    return parsed.data;
  }

  /** Validates, then writes the whole record. Nothing is written when the value is invalid or the store is late. */
  async set(id: string, value: T, ttlMs?: number): Promise<void> {
    const valid = this.schema.parse(value);
    await guard(() => this.store.put(this.namespace, id, valid, ttlMs));
  }

  /** Writes only if no live record has this id; true when this call wrote it. */
  async create(id: string, value: T, ttlMs?: number): Promise<boolean> {
    const valid = this.schema.parse(value);
    return this.store.claim(this.namespace, id, valid, ttlMs);
  }

  async delete(id: string): Promise<boolean> {
    return guard(() => this.store.call('delete', () => this.store.keyv(this.namespace).delete(id)));
  }

  /** Several records by id, in the order asked (undefined where there is none or the row is corrupt). */
  async getMany(ids: string[]): Promise<(T | undefined)[]> {
    if (!ids.length) return [];
    let raws: unknown[];
    try {
      raws = await guard(() => this.store.call('read', () => this.store.keyv(this.namespace).getMany(ids)));
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      return Promise.all(ids.map((id) => this.get(id))); // one corrupt row: read them one by one, skipping it
    }
    return raws.map((raw, i) => (raw === undefined ? undefined : this.check(ids[i]!, raw)));
  }

  /** How many records have ids starting with `prefix` (a count in the store; no record is read). */
  count(prefix = ''): Promise<number> {
    return guard(() => this.store.count(this.namespace, prefix));
  }

  /** Up to `limit` records in id order after/before the given ids (`reverse`: newest first for time-keyed ids). */
  async range(q: { prefix?: string; after?: string; before?: string; limit: number; reverse?: boolean }): Promise<[string, T][]> {
    const rows = await guard(() => this.store.range(this.namespace, q));
    return rows.flatMap(([id, raw]) => {
      const v = this.check(id, raw);
      return v === undefined ? [] : [[id, v] as [string, T]];
    });
  }

  private check(id: string, raw: unknown): T | undefined {
    const parsed = this.schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.store.onCorrupt?.(`${this.namespace}:${id}`);
    this.log?.warn({ namespace: this.namespace, id }, 'skipped a record that does not match its schema');
    return undefined;
  }

  /** Records whose id starts with `prefix`, in id order. A record that fails validation is logged and skipped. */
  async list(prefix = ''): Promise<[string, T][]> {
    const rows = await guard(() => this.store.scan(this.namespace, prefix));
    const out: [string, T][] = [];
    for (const [id, raw] of rows) {
      const parsed = this.schema.safeParse(raw);
      if (parsed.success) out.push([id, parsed.data]);
      else {
        this.store.onCorrupt?.(`${this.namespace}:${id}`);
        this.log?.warn({ namespace: this.namespace, id }, 'skipped a record that does not match its schema');
      }
    }
    return out;
  }
}

async function guard<R>(op: () => Promise<R>): Promise<R> {
  try {
    return await op();
  } catch (err) {
    if (isStoreUnavailable(err) || isStoreUnavailable((err as { cause?: unknown })?.cause)) throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
    throw err;
  }
}
