// The audit trail of every leadership action, from chat and the dashboard alike: who scheduled, edited, cancelled
// or posted what, closed, exported or reminded a poll, added or cancelled an event, taught the bot a phrasing (and
// what happened on its own: a knowledge file that did not load, a digest sent), and when. One record per entry (an
// append, never a read-modify-write), keyed by time so that the newest are listed last.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Repo } from '../storage/repo.js';
import type { Store } from '../storage/store.js';
import { actorSchema } from './actor.js';
import type { Clock } from './clock.js';

export const AUDIT_ACTIONS = [
  'scheduled', 'edited', 'cancelled', 'posted', 'failed', 'missed', 'uncertain',
  'event-added', 'event-cancelled',
  'poll-closed', 'poll-exported', 'poll-reminded',
  'taught', 'knowledge-problem', 'digest-sent',
] as const;

export const auditSchema = z.object({
  at: z.iso.datetime(),
  actor: actorSchema.optional(),
  action: z.enum(AUDIT_ACTIONS),
  /** What it is about: a schedule, event or poll id. */
  scheduleId: z.string().optional(),
  /** A knowledge entry's id (a phrasing taught to it). */
  entryId: z.string().optional(),
  /** A short description, e.g. "once at Tue Dec 1, 9:00 AM CST to slack, discord". */
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof auditSchema>;

const KEEP_MS = 366 * 86_400_000;
/** Orders entries written in the same millisecond by this process. */
let seq = 0;

export { actorRef } from './actor.js';

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
    const { entries } = await this.page({ limit: n, match: scheduleId ? (e) => e.scheduleId === scheduleId : undefined });
    return entries.reverse();
  }

  /**
   * Up to `limit` entries, newest first, older than the key `before` (or, with `after`, the `limit` entries just
   * newer than it), that `match`. Read from the store in key (= time) order, a batch at a time, until the page is
   * full: an unfiltered page reads only its own rows. `older`/`newer` are the keys to continue from.
   */
  async page(q: { limit: number; before?: string; after?: string; match?: (e: AuditEntry) => boolean }): Promise<{ entries: AuditEntry[]; keys: string[]; older?: string; newer?: string }> {
    const found: [string, AuditEntry][] = [];
    const batch = q.match ? Math.max(200, q.limit) : q.limit + 1;
    const forward = q.after !== undefined;
    let cursor = forward ? q.after : q.before;
    let more = true;
    while (found.length <= q.limit && more) {
      const rows = await this.repo.range(forward ? { after: cursor, limit: batch } : { before: cursor, limit: batch, reverse: true });
      more = rows.length === batch;
      for (const row of rows) if (!q.match || q.match(row[1])) found.push(row);
      cursor = rows.at(-1)?.[0];
    }
    const beyond = found.length > q.limit; // something lies past this page in the direction read
    const page = found.slice(0, q.limit);
    if (forward) page.reverse();
    const keys = page.map(([k]) => k);
    return {
      entries: page.map(([, e]) => e),
      keys,
      older: (forward || beyond) && keys.length ? keys.at(-1) : undefined,
      newer: (!forward ? q.before !== undefined : beyond) && keys.length ? keys[0] : undefined,
    };
  }

  /** How many entries there are (a count in the store). */
  count(): Promise<number> {
    return this.repo.count();
  }
}
