// A typed repository: records of one kind in one namespace, validated by zod on the way in and out.
import type { z } from 'zod';
import type { Logger } from 'pino';
import { StoreUnavailableError, isStoreUnavailable } from '../core/errors.js';
import type { Store } from './store.js';

export class CorruptRecordError extends Error {
  override readonly name = 'CorruptRecordError';
}

export class Repo<T> {
  constructor(
    private readonly store: Store,
    readonly namespace: string,
    private readonly schema: z.ZodType<T>,
    private readonly log?: Logger,
  ) {}

  async get(id: string): Promise<T | undefined> {
    const raw = await guard(() => this.store.keyv(this.namespace).get(id));
    if (raw === undefined) return undefined;
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) throw new CorruptRecordError(`${this.namespace}:${id} does not match its schema: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  /** Validates, then writes the whole record. Nothing is written when the value is invalid. */
  async set(id: string, value: T, ttlMs?: number): Promise<void> {
    const valid = this.schema.parse(value);
    await guard(() => this.store.keyv(this.namespace).set(id, valid, ttlMs));
  }

  /** Writes only if no live record has this id; true when this call wrote it. */
  async create(id: string, value: T, ttlMs?: number): Promise<boolean> {
    const valid = this.schema.parse(value);
    return this.store.claim(this.namespace, id, valid, ttlMs);
  }

  async delete(id: string): Promise<boolean> {
    return guard(() => this.store.keyv(this.namespace).delete(id));
  }

  /** Records whose id starts with `prefix`, in id order. A record that fails validation is logged and skipped. */
  async list(prefix = ''): Promise<[string, T][]> {
    const rows = await guard(() => this.store.scan(this.namespace, prefix));
    const out: [string, T][] = [];
    for (const [id, raw] of rows) {
      const parsed = this.schema.safeParse(raw);
      if (parsed.success) out.push([id, parsed.data]);
      else this.log?.warn({ namespace: this.namespace, id }, 'skipped a record that does not match its schema');
    }
    return out;
  }
}

async function guard<R>(op: () => Promise<R>): Promise<R> {
  try {
    return await op();
  } catch (err) {
    if (isStoreUnavailable(err) || isStoreUnavailable((err as { cause?: unknown })?.cause)) throw new StoreUnavailableError(err);
    throw err;
  }
}
