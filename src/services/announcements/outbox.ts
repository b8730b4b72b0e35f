// The outbox: one record per occurrence, keyed by schedule id + occurrence instant. It is CLAIMED (an atomic
// insert-if-absent in the store) before anything is sent and marked with the outcome after, so that an
// occurrence is posted at most once — by one process, across restarts and across replicas sharing a store.
//
// It is also node-cron's `RunCoordinator` (the seam node-cron 4.6 offers for `distributed: true` tasks):
// `shouldRun(key)` is the claim. With sqlite the claim is one INSERT … ON CONFLICT statement; a Redis or
// Postgres store implements the same `Store.claim` (SET NX PX / INSERT … ON CONFLICT DO NOTHING), and the
// scheduler does not change.
import { randomBytes } from 'node:crypto';
import type { RunCoordinator } from 'node-cron';
import type { Store } from '../../storage/store.js';
import { OrderedIndex } from '../../storage/ordered-index.js';
import { Repo } from '../../storage/repo.js';
import type { Clock } from '../clock.js';
import { type OutboxRecord, outboxSchema } from './schedule-model.js';

export const OUTBOX = 'outbox';
/** How long outbox records are kept: longer than any look-back of the scheduler. */
export const OUTBOX_KEEP_MS = 60 * 86_400_000;

export const occurrenceKey = (scheduleId: string, at: Date): string => `${scheduleId}@${at.toISOString()}`;

/** An occurrence that did not (or may not) go out everywhere: what the dashboard counts as a failed post. */
export const isProblem = (r: OutboxRecord): boolean =>
  r.state === 'failed' || r.state === 'missed' || r.state === 'uncertain' || Object.values(r.targets).some((t) => t?.state === 'failed');

export class Outbox implements RunCoordinator {
  /** This process, for telling its own in-flight claims from a dead process's. */
  readonly owner = `${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly repo: Repo<OutboxRecord>;
  /** Occurrences with a problem, by their instant: written after the record by claim, save and release. */
  private readonly problems: OrderedIndex;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly leaseMs = 10 * 60_000,
  ) {
    this.repo = new Repo(store, OUTBOX, outboxSchema);
    this.problems = new OrderedIndex(store, 'outbox-problems');
  }

  private async indexed(record: OutboxRecord): Promise<void> {
    const key = occurrenceKey(record.scheduleId, new Date(record.at));
    if (isProblem(record)) await this.problems.put(key, 'all', Date.parse(record.at));
    else await this.problems.remove(key);
  }

  /** At start: indexes the problem records of a store written before the index existed (once per store). */
  async heal(): Promise<void> {
    await this.problems.heal({
      version: 'v1',
      fill: async (index) => {
        for (const [key, r] of await this.repo.list('')) if (isProblem(r)) await index.putIfAbsent(key, 'all', Date.parse(r.at));
      },
    });
  }

  /** How many occurrences since `since` failed, were missed or may not have gone out. */
  problemsSince(since: Date): Promise<number> {
    return this.problems.count('all', { min: since.getTime() });
  }

  /** Claims an occurrence for sending; true when this process won it. */
  async claim(scheduleId: string, at: Date, state: OutboxRecord['state'] = 'sending'): Promise<boolean> {
    const now = this.clock.now();
    const record: OutboxRecord = {
      scheduleId,
      at: at.toISOString(),
      state,
      owner: this.owner,
      claimedAt: now.toISOString(),
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
      targets: {},
      attempts: 0,
    };
    const won = await this.repo.create(occurrenceKey(scheduleId, at), outboxSchema.parse(record), OUTBOX_KEEP_MS);
    if (won && isProblem(record)) await this.indexed(record);
    return won;
  }

  /** node-cron's RunCoordinator: a key is "<schedule id>@<ISO instant>"; the claim decides who runs it. */
  async shouldRun(key: string): Promise<boolean> {
    const at = key.lastIndexOf('@');
    return this.claim(key.slice(0, at), new Date(key.slice(at + 1)));
  }

  get(scheduleId: string, at: Date): Promise<OutboxRecord | undefined> {
    return this.repo.get(occurrenceKey(scheduleId, at));
  }

  /** The records of several occurrences at once (one read), undefined where there is none. */
  getMany(occurrences: { scheduleId: string; at: Date }[]): Promise<(OutboxRecord | undefined)[]> {
    return this.repo.getMany(occurrences.map((o) => occurrenceKey(o.scheduleId, o.at)));
  }

  /** Only the owner of a claim writes its record after the claim, so this is not a shared read-modify-write. */
  async save(record: OutboxRecord): Promise<void> {
    const leaseUntil = record.state === 'sending' ? new Date(this.clock.now().getTime() + this.leaseMs).toISOString() : record.leaseUntil;
    await this.repo.set(occurrenceKey(record.scheduleId, new Date(record.at)), { ...record, leaseUntil }, OUTBOX_KEEP_MS);
    await this.indexed(record);
  }

  /** Gives an unsent claim back (the bot stopped before sending anything), so the next start can send it. */
  async release(scheduleId: string, at: Date): Promise<void> {
    await this.repo.delete(occurrenceKey(scheduleId, at));
    await this.problems.remove(occurrenceKey(scheduleId, at));
  }

  /** Every record of one schedule. */
  list(scheduleId: string): Promise<[string, OutboxRecord][]> {
    return this.repo.list(`${scheduleId}@`);
  }

  all(): Promise<[string, OutboxRecord][]> {
    return this.repo.list('');
  }
}
