// The audit trail: who scheduled, edited, cancelled or posted what, and when. One record per entry (an
// append, never a read-modify-write), keyed by time so that the newest are listed last.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../core/context.js';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import { type AuditEntry, type ActorRef, auditSchema } from './schedule-model.js';

const KEEP_MS = 366 * 86_400_000;
/** Orders entries written in the same millisecond by this process. */
let seq = 0;

export const actorRef = (a: Actor): ActorRef => ({ platform: a.platform, id: a.id, name: a.name });

export class Audit {
  private readonly repo: Repo<AuditEntry>;
  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.repo = new Repo(store, 'announce-audit', auditSchema);
  }

  async add(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.repo.create(`${at}~${String(++seq % 1e6).padStart(6, '0')}${randomBytes(3).toString('hex')}`, { at, ...entry }, KEEP_MS);
  }

  /** The newest `n` entries, oldest first; optionally for one schedule. */
  async recent(n = 20, scheduleId?: string): Promise<AuditEntry[]> {
    const all = (await this.repo.list('')).map(([, e]) => e).filter((e) => !scheduleId || e.scheduleId === scheduleId);
    return all.slice(-n);
  }
}
