// The knowledge audit: who taught the bot what, and when (also reload failures reported to leadership).
// One record per event, keyed by time, appended and never rewritten.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import { actorSchema } from './taught.js';

const KEEP_MS = 366 * 86_400_000;

export const knowledgeAuditSchema = z.object({
  at: z.iso.datetime(),
  actor: actorSchema.optional(),
  action: z.enum(['taught', 'reload-problem', 'digest-sent']),
  entryId: z.string().optional(),
  summary: z.string().max(600),
});
export type KnowledgeAuditEntry = z.infer<typeof knowledgeAuditSchema>;

export class KnowledgeAudit {
  private readonly repo: Repo<KnowledgeAuditEntry>;
  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.repo = new Repo(store, 'cert-audit', knowledgeAuditSchema);
  }

  async add(entry: Omit<KnowledgeAuditEntry, 'at'>): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.repo.create(`${at}~${randomBytes(4).toString('hex')}`, { at, ...entry }, KEEP_MS);
  }

  /** The newest `n` entries, oldest first. */
  async recent(n = 20): Promise<KnowledgeAuditEntry[]> {
    return (await this.repo.list()).map(([, e]) => e).slice(-n);
  }
}
