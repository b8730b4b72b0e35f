// Phrasings that leadership taught from chat (/cert teach): a member's question attached to an entry, kept in the
// store so that every replica answers it at once, without a redeploy. One record per question (keyed by its
// canonical terms; teaching it again replaces it) plus a version nonce written after each change: every ask reads
// the nonce (one small read, only when replicas share the store) and re-reads the phrasings when it changed.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import { keyOf } from './search.js';
import { termsOf } from './synonyms.js';

import { type ActorRef, actorSchema } from '../actor.js';

/** Who taught a phrasing (the same shape as every audit entry's actor). */
export type By = ActorRef;

export const taughtSchema = z.object({
  question: z.string().min(1).max(300),
  entryId: z.string().min(1),
  by: actorSchema,
  at: z.iso.datetime(),
});
export type Taught = z.infer<typeof taughtSchema>;

const META = 'cert-taught-meta';

export class TaughtPhrasings {
  private readonly repo: Repo<Taught>;
  private cache?: { version: string; byKey: Map<string, string>; records: [string, Taught][] };

  constructor(private readonly store: Store) {
    this.repo = new Repo(store, 'cert-taught', taughtSchema);
  }

  /** Question key → entry id. Exact when replicas share the store: the version nonce is read on every call. */
  async map(): Promise<ReadonlyMap<string, string>> {
    return (await this.current()).byKey;
  }

  async list(): Promise<[key: string, record: Taught][]> {
    return (await this.current()).records;
  }

  /** Stores (or replaces) the phrasing with key `key`, then moves the version on so every replica re-reads. */
  async put(key: string, record: Taught): Promise<void> {
    await this.repo.set(key, record);
    await this.store.keyv(META).set('version', randomBytes(8).toString('hex'));
    this.cache = undefined;
  }

  private async current(): Promise<NonNullable<TaughtPhrasings['cache']>> {
    if (this.cache && !this.store.shared) return this.cache;
    const version = String((await this.store.keyv(META).get('version')) ?? '0');
    if (this.cache?.version === version) return this.cache;
    const records = await this.repo.list();
    // Keys are worked out again from each question, so that a phrasing taught before the matcher's word
    // processing changed (new chat spellings, paraphrases) still matches the same question.
    this.cache = { version, byKey: new Map(records.map(([, r]) => [keyOf(termsOf(r.question)), r.entryId])), records };
    return this.cache;
  }
}
