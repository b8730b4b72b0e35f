// The scheduler: arms every stored schedule at start, fires each occurrence through the outbox, and on start
// reconciles what was missed while the bot was down: sent once if younger than ANNOUNCE_GRACE, otherwise
// reported to leadership. One timer for all schedules (armed at the earliest next occurrence, at most a minute
// ahead so that a suspended machine or a moved clock is noticed), so a thousand schedules cost nothing idle.
// Time is read from the injected clock; tests move it and call `tick()`.
import type { Logger } from 'pino';
import type { Outlets } from '../../core/context.js';
import type { Message, MessageRef } from '../../core/message.js';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import type { Audit } from '../audit.js';
import { type CronFields, nextOccurrence, occurrencesBetween, parseCron } from './cron.js';
import { type DeliveryResult, deliver } from './delivery.js';
import { type Outbox, occurrenceKey } from './outbox.js';
import type { Reporter } from './report.js';
import { type Schedule, scheduleSchema } from './schedule-model.js';
import { formatWhen } from './when.js';

/** What each kind of schedule posts, and what happens after (e.g. an event remembers where its post is). */
export interface KindHooks {
  /** The message for an occurrence; undefined to skip it (e.g. the event was cancelled). */
  render(schedule: Schedule, at: Date): Promise<Message | undefined>;
  afterPost?(schedule: Schedule, at: Date, refs: MessageRef[]): Promise<void>;
  /**
   * Work that posts nothing (a platform's calendar entry moved on to the next occurrence): run once per occurrence,
   * claimed in the outbox like a post, and also when late — after a restart it runs then, never "missed".
   */
  task?(schedule: Schedule, at: Date): Promise<void>;
}

export interface SchedulerDeps {
  store: Store;
  outlets: Outlets;
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  audit: Audit;
  reporter: Reporter;
  graceMs: number;
  zone: string;
  retryDelaysMs?: number[];
  /** How far back a restart looks for missed occurrences of a recurring schedule. */
  lookBackMs?: number;
}

interface Armed {
  schedule: Schedule;
  fields?: CronFields;
  next: Date;
}

const MAX_TIMER_MS = 60_000;
/**
 * With replicas sharing a store, a platform may be connected in only some of them (Discord's gateway in one): a
 * replica without a target's outlet leaves a due post this long to a replica that has it, then takes it itself and
 * reports what it could not post, so that nothing waits for ever.
 */
export const HANDOFF_MS = 45_000;

export class Scheduler {
  readonly schedules: Repo<Schedule>;
  readonly kinds = new Map<Schedule['kind'], KindHooks>();
  /** Off in tests that drive `tick()` with a TestClock. */
  useTimers = true;
  /** Waits between attempts of a failed post (platform error, rate limit); then it is reported. */
  retryDelaysMs: number[];
  private readonly armed = new Map<string, Armed>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly sending = new Map<string, Promise<DeliveryResult | undefined>>();
  private timer: NodeJS.Timeout | undefined;
  /** Second looks at posts left to a replica with all their platforms (see HANDOFF_MS). */
  private readonly handoffs = new Set<NodeJS.Timeout>();
  private running = false;
  private abort = new AbortController();
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SchedulerDeps) {
    this.schedules = new Repo(deps.store, 'schedules', scheduleSchema, deps.log);
    this.retryDelaysMs = deps.retryDelaysMs ?? [2000, 10_000, 60_000, 300_000];
  }

  async start(): Promise<void> {
    this.running = true;
    this.abort = new AbortController();
    const now = this.deps.clock.now();
    for (const [, schedule] of await this.schedules.list()) {
      if (schedule.cancelled) continue;
      await this.reconcile(schedule, now);
      this.arm(schedule, now);
    }
    this.deps.log.info({ armed: this.armed.size }, 'scheduler started');
    this.rearm();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    for (const t of this.handoffs) clearTimeout(t);
    this.handoffs.clear();
    this.abort.abort();
    await this.ticking;
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Arms (or re-arms, after an edit) a schedule from `after` on. */
  arm(schedule: Schedule, after = this.deps.clock.now()): void {
    this.armed.delete(schedule.id);
    if (schedule.cancelled) return this.rearm();
    if (schedule.timing.kind === 'once') {
      const at = new Date(schedule.timing.at);
      if (at.getTime() >= after.getTime()) this.armed.set(schedule.id, { schedule, next: at });
    } else {
      const fields = parseCron(schedule.timing.cron);
      const next = nextOccurrence(fields, after, schedule.tz);
      if (next) this.armed.set(schedule.id, { schedule, fields, next });
    }
    this.rearm();
  }

  disarm(id: string): void {
    this.armed.delete(id);
    this.rearm();
  }

  /** The next instant each armed schedule fires. */
  nextRun(id: string): Date | undefined {
    return this.armed.get(id)?.next;
  }

  get armedCount(): number {
    return this.armed.size;
  }

  /** Fires everything that is due now. Serialized: a tick never overlaps another. */
  tick(): Promise<void> {
    this.ticking = this.ticking.then(() => this.fireDue()).catch((err) => this.deps.log.error({ err }, 'scheduler tick failed'));
    return this.ticking;
  }

  /** Waits for the deliveries started so far (tests, shutdown). */
  async settled(): Promise<void> {
    await this.ticking;
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Sends one occurrence now (for `/announce now` and event posts); the result says where it went. */
  fire(schedule: Schedule, at: Date): Promise<DeliveryResult | undefined> {
    const key = occurrenceKey(schedule.id, at);
    const running = this.sending.get(key);
    if (running) return running; // the same occurrence asked twice in this process (e.g. start-up reconcile and /announce now)
    const work = this.send(schedule, at);
    this.sending.set(key, work);
    this.inflight.add(work);
    void work.finally(() => {
      this.inflight.delete(work);
      this.sending.delete(key);
    });
    return work;
  }

  private async fireDue(): Promise<void> {
    const now = this.deps.clock.now();
    if (this.deps.store.shared) await this.syncFromStore(now);
    for (const entry of [...this.armed.values()]) {
      if (entry.next.getTime() > now.getTime()) continue;
      const at = entry.next;
      const following = entry.fields ? nextOccurrence(entry.fields, at, entry.schedule.tz) : undefined;
      if (following) entry.next = following;
      else this.armed.delete(entry.schedule.id);
      if (now.getTime() - at.getTime() > this.deps.graceMs && !this.isTask(entry.schedule)) void this.reportMissed(entry.schedule, [at]);
      else void this.fire(entry.schedule, at);
    }
    this.rearm();
  }

  /**
   * With a store shared by several replicas, schedules are also created, edited and cancelled by the others:
   * arm what is new or changed, drop what is gone or cancelled. Runs on every timer tick (at most a minute apart).
   */
  private async syncFromStore(now: Date): Promise<void> {
    const stored = new Map(await this.schedules.list());
    for (const id of this.armed.keys()) if (!stored.has(id)) this.armed.delete(id);
    for (const [id, schedule] of stored) {
      const armed = this.armed.get(id);
      if (schedule.cancelled) this.armed.delete(id);
      else if (!armed || JSON.stringify(armed.schedule.timing) !== JSON.stringify(schedule.timing)) this.arm(schedule, now);
      else armed.schedule = schedule;
    }
  }

  private rearm(): void {
    clearTimeout(this.timer);
    if (!this.running || !this.useTimers || !this.armed.size) return;
    let soonest = Infinity;
    for (const a of this.armed.values()) soonest = Math.min(soonest, a.next.getTime());
    const delay = Math.max(0, Math.min(MAX_TIMER_MS, soonest - this.deps.clock.now().getTime()));
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async send(armedSchedule: Schedule, at: Date): Promise<DeliveryResult | undefined> {
    const { outbox, audit, log } = this.deps;
    try {
      // Read the schedule again: it may have been edited or cancelled since it was armed, here or on another
      // replica sharing the store. A cancelled one is not sent; one whose timing changed waits for its new time.
      const stored = await this.schedules.get(armedSchedule.id);
      if (stored?.cancelled) return undefined;
      if (stored && JSON.stringify(stored.timing) !== JSON.stringify(armedSchedule.timing)) return undefined;
      const schedule = stored ?? armedSchedule;
      const hooks = this.kinds.get(schedule.kind);
      if (hooks?.task) {
        if (!(await outbox.claim(schedule.id, at))) return undefined;
        // A task that fails gives its claim back: the next start runs it again.
        await hooks.task(schedule, at).catch(async (err: unknown) => {
          await outbox.release(schedule.id, at);
          throw err;
        });
        await outbox.save({ ...(await outbox.get(schedule.id, at))!, state: 'sent' });
        return undefined;
      }
      if (this.leaveToAnother(schedule, at)) return undefined;
      const msg = await hooks?.render(schedule, at);
      if (!msg) return undefined;
      if (!(await outbox.claim(schedule.id, at))) return undefined; // already sent, or another replica has it
      const record = (await outbox.get(schedule.id, at))!;
      const result = await deliver(
        { outlets: this.deps.outlets, outbox, log, retryDelaysMs: this.retryDelaysMs, signal: this.abort.signal },
        schedule,
        record,
        msg,
      );
      if (result.released) return result;
      const where = result.refs.map((r) => `${r.platform} #${r.channelId}`).join(', ');
      if (result.refs.length) await audit.add({ action: 'posted', scheduleId: schedule.id, summary: `occurrence ${formatWhen(at, schedule.tz)} posted to ${where}` });
      if (result.failed.length) {
        const why = result.failed.map((f) => `${f.platform}: ${f.error}`).join('; ');
        await audit.add({ action: 'failed', scheduleId: schedule.id, summary: `occurrence ${formatWhen(at, schedule.tz)} not posted (${why})` });
        await this.deps.reporter.report(schedule, `Scheduled post ${schedule.id} (${formatWhen(at, schedule.tz)}) could not be posted after retries: ${why}.`);
      }
      await hooks?.afterPost?.(schedule, at, result.refs);
      log.info({ schedule: schedule.id, at: at.toISOString(), posted: result.refs.length, failed: result.failed.length }, 'occurrence delivered');
      return result;
    } catch (err) {
      log.error({ err, schedule: armedSchedule.id, at: at.toISOString() }, 'occurrence failed');
      return undefined;
    }
  }

  /**
   * True when a replica sharing the store may post this occurrence better: one of its platforms is not connected
   * here and it is not yet HANDOFF_MS late. This replica looks again after that (when a replica with every
   * platform has claimed it meanwhile, the claim tells it so).
   */
  private leaveToAnother(schedule: Schedule, at: Date): boolean {
    if (!this.deps.store.shared || schedule.targets.every((p) => this.deps.outlets.get(p))) return false;
    const wait = at.getTime() + HANDOFF_MS - this.deps.clock.now().getTime();
    if (wait <= 0) return false;
    if (this.running && this.useTimers) {
      const t = setTimeout(() => {
        this.handoffs.delete(t);
        if (this.running) void this.fire(schedule, at);
      }, wait + 1);
      this.handoffs.add(t);
    }
    return true;
  }

  /** Occurrences that passed while the bot was down: the newest one within grace is sent, the rest reported. */
  private async reconcile(schedule: Schedule, now: Date): Promise<void> {
    const { outbox, graceMs } = this.deps;
    const createdAt = new Date(schedule.createdAt);
    let due: Date[];
    if (schedule.timing.kind === 'once') {
      const at = new Date(schedule.timing.at);
      due = at.getTime() < now.getTime() ? [at] : [];
    } else {
      const from = new Date(Math.max(createdAt.getTime(), now.getTime() - (this.deps.lookBackMs ?? 7 * 86_400_000)));
      due = occurrencesBetween(parseCron(schedule.timing.cron), from, new Date(now.getTime() - 1), schedule.tz, 200);
    }
    if (!due.length) return;
    const records = new Map(await outbox.list(schedule.id));
    const unsent: Date[] = [];
    for (const at of due) {
      const record = records.get(occurrenceKey(schedule.id, at));
      if (!record) unsent.push(at);
      else if (record.state === 'sending' && record.owner !== outbox.owner && new Date(record.leaseUntil) < now) {
        await outbox.save({ ...record, state: 'uncertain' });
        await this.deps.audit.add({ action: 'uncertain', scheduleId: schedule.id, summary: `the bot stopped while posting the ${formatWhen(at, schedule.tz)} occurrence` });
        await this.deps.reporter.report(schedule, `The bot stopped while posting ${schedule.id} (${formatWhen(at, schedule.tz)}); it may not have gone out on every platform. Please check the channel.`);
      }
    }
    // A task late by any amount still runs (once: the outbox claims it); it is never reported as missed.
    if (this.isTask(schedule)) return void unsent.forEach((at) => void this.fire(schedule, at));
    const newest = unsent.at(-1);
    const inGrace = newest && now.getTime() - newest.getTime() <= graceMs ? newest : undefined;
    const missed = unsent.filter((at) => at !== inGrace);
    if (missed.length) await this.reportMissed(schedule, missed);
    if (inGrace) void this.fire(schedule, inGrace);
  }

  private isTask(schedule: Schedule): boolean {
    return Boolean(this.kinds.get(schedule.kind)?.task);
  }

  /** Records occurrences as missed (claimed, so they are reported once) and tells leadership. */
  private async reportMissed(schedule: Schedule, missed: Date[]): Promise<void> {
    const claimed: Date[] = [];
    for (const at of missed) if (await this.deps.outbox.claim(schedule.id, at, 'missed')) claimed.push(at);
    if (!claimed.length) return;
    const list = claimed.slice(-3).map((at) => formatWhen(at, schedule.tz)).join('; ');
    const more = claimed.length > 3 ? ` and ${claimed.length - 3} earlier` : '';
    const grace = Math.round(this.deps.graceMs / 60_000);
    await this.deps.audit.add({ action: 'missed', scheduleId: schedule.id, summary: `not posted (the bot was down): ${list}${more}` });
    await this.deps.reporter.report(
      schedule,
      `Scheduled post ${schedule.id} was NOT posted: the bot was not running at ${list}${more}, more than ${grace} minutes ago (ANNOUNCE_GRACE). Post it again with /announce now if it still matters.`,
    );
  }
}
