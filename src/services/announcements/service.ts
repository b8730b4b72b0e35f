// Announcements as leadership uses them: validate everything first, then store, audit and arm — or post now.
// Nothing is stored when any part of the input is wrong.
import { randomBytes } from 'node:crypto';
import type { Actor, Outlets } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import type { Message, MessageRef, Platform } from '../../core/message.js';
import { OrderedIndex } from '../../storage/ordered-index.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import { type Audit, actorRef } from '../audit.js';
import { nextOccurrences, parseCron, parseRunnableCron } from './cron.js';
import type { DeliveryResult } from './delivery.js';
import type { Outbox } from './outbox.js';
import type { OutboxRecord, Schedule, Timing } from './schedule-model.js';
import type { Scheduler } from './scheduler.js';
import { type To, checkText, parsePing, resolveChannels, resolveTargets } from './targets.js';
import { formatWhen, parseWhen } from './when.js';

/** Room for the mention that Slack puts in front of the text (`<!here> `, `<!subteam^S0123ABCD> `). */
const PING_ROOM = 30;

export type When = { kind: 'now' } | { kind: 'at'; text: string } | { kind: 'every'; cron: string };

export interface ComposeInput {
  text: string;
  when: When;
  to?: To;
  channels?: string[];
  ping?: string;
}

export interface EditInput {
  text?: string;
  at?: string;
  every?: string;
  to?: To;
  channels?: string[];
  ping?: string;
}

export interface AnnouncementDeps {
  store: Store;
  outlets: Outlets;
  clock: Clock;
  zone: string;
  scheduler: Scheduler;
  audit: Audit;
  outbox: Outbox;
}

/** An announcement's place in the 'announcements' index: one-time ones by their instant, recurring by creation. */
const orderOf = (s: Schedule): ['once' | 'every', number] => (s.timing.kind === 'once' ? ['once', Date.parse(s.timing.at)] : ['every', Date.parse(s.createdAt)]);

export class Announcements {
  /**
   * Announcements still to come: written after the record on compose and edit, removed on cancel and once a
   * one-time post has gone out (the scheduler's afterPost, or the page that finds it done).
   */
  private readonly order: OrderedIndex;

  constructor(private readonly deps: AnnouncementDeps) {
    this.order = new OrderedIndex(deps.store, 'announcements');
  }

  /** Validates, stores and arms an announcement; `now` posts it at once and returns where it went. */
  async compose(actor: Actor, input: ComposeInput): Promise<{ schedule: Schedule; result?: DeliveryResult }> {
    const now = this.deps.clock.now();
    const timing = this.timingOf(input.when, now);
    const targets = resolveTargets(this.deps.outlets, input.to);
    const ping = parsePing(input.ping);
    const text = checkText(input.text, targets, ping ? PING_ROOM : 0);
    const channels = await resolveChannels(this.deps.outlets, targets, input.channels);
    const schedule = await this.create({ kind: 'announcement', timing, text, targets, channels, ping, createdBy: actorRef(actor), createdAt: now.toISOString() });
    if (input.when.kind !== 'now') await this.order.put(schedule.id, ...orderOf(schedule));
    await this.deps.audit.add({ actor: actorRef(actor), action: 'scheduled', scheduleId: schedule.id, summary: this.summary(schedule) });
    if (input.when.kind === 'now') {
      const at = new Date(schedule.timing.kind === 'once' ? schedule.timing.at : now);
      return { schedule, result: (await this.deps.scheduler.fire(schedule, at)) ?? (await this.recorded(schedule, at)) };
    }
    this.deps.scheduler.arm(schedule);
    return { schedule };
  }

  /** Stores a new schedule under a fresh short id (atomically: two leaders never get the same id). */
  async create(fields: Omit<Schedule, 'id' | 'tz' | 'cancelled'> & { tz?: string }): Promise<Schedule> {
    for (;;) {
      const schedule: Schedule = { tz: this.deps.zone, cancelled: false, ...fields, id: randomBytes(3).toString('hex') };
      if (await this.deps.scheduler.schedules.create(schedule.id, schedule)) return schedule;
    }
  }

  async edit(actor: Actor, id: string, patch: EditInput): Promise<Schedule> {
    const current = await this.pending(id);
    const now = this.deps.clock.now();
    if (patch.at && patch.every) throw new UserError('announce.edit-both', 'Give either --at or --every, not both.');
    const timing = patch.at ? this.timingOf({ kind: 'at', text: patch.at }, now) : patch.every ? this.timingOf({ kind: 'every', cron: patch.every }, now) : current.timing;
    const targets = patch.to ? resolveTargets(this.deps.outlets, patch.to) : current.targets;
    const ping = patch.ping !== undefined ? parsePing(patch.ping) : current.ping;
    const text = checkText(patch.text ?? current.text, targets, ping ? PING_ROOM : 0);
    const channels = patch.channels?.length || patch.to ? await resolveChannels(this.deps.outlets, targets, patch.channels) : current.channels;
    const next: Schedule = { ...current, timing, targets, text, ping, channels };
    await this.deps.scheduler.schedules.set(id, next);
    await this.order.put(id, ...orderOf(next));
    await this.deps.audit.add({ actor: actorRef(actor), action: 'edited', scheduleId: id, summary: this.summary(next) });
    this.deps.scheduler.arm(next);
    return next;
  }

  async cancel(actor: Actor, id: string): Promise<Schedule> {
    const current = await this.pending(id);
    const next = { ...current, cancelled: true };
    await this.deps.scheduler.schedules.set(id, next);
    await this.order.remove(id);
    this.deps.scheduler.disarm(id);
    await this.deps.audit.add({ actor: actorRef(actor), action: 'cancelled', scheduleId: id, summary: this.summary(current) });
    return next;
  }

  /** Announcements still to come, soonest first. */
  async upcoming(): Promise<Schedule[]> {
    const all = (await this.deps.scheduler.schedules.list()).map(([, s]) => s).filter((s) => s.kind === 'announcement');
    // The outbox reads run together rather than one after another (the dashboard lists a thousand of these).
    const done = await Promise.all(all.map((s) => this.isDone(s)));
    const out = all.filter((_, i) => !done[i]);
    const next = (s: Schedule) => this.deps.scheduler.nextRun(s.id)?.getTime() ?? Infinity;
    return out.sort((a, b) => next(a) - next(b));
  }

  /**
   * One page of announcements still to come: one-time ones soonest first, or recurring ones newest first, with
   * the group's total. Reads the index and the page's own records; a row found cancelled or sent is dropped.
   */
  async page(group: 'once' | 'every', offset: number, limit: number): Promise<{ items: Schedule[]; total: number }> {
    const { ids, total } = await this.order.page(group, { offset, limit, reverse: group === 'every' });
    const records = await this.deps.scheduler.schedules.getMany(ids);
    // One read for the outbox records of the page's one-time posts: a record means it has gone out (or failed).
    const once = records.flatMap((s) => (s && !s.cancelled && s.timing.kind === 'once' ? [{ scheduleId: s.id, at: new Date(s.timing.at) }] : []));
    const sent = new Set((await this.deps.outbox.getMany(once)).flatMap((r, i) => (r ? [once[i]!.scheduleId] : [])));
    const done = records.map((s) => !s || s.cancelled || sent.has(s.id));
    const items: Schedule[] = [];
    for (const [i, s] of records.entries()) {
      if (done[i] || !s) await this.order.remove(ids[i]!);
      else items.push(s);
    }
    return { items, total };
  }

  /** How many one-time and recurring announcements are still to come. */
  async counts(): Promise<{ once: number; every: number }> {
    const [once, every] = await Promise.all([this.order.count('once'), this.order.count('every')]);
    return { once, every };
  }

  /** A one-time announcement went out: it leaves the list (the scheduler's afterPost). */
  async sent(s: Schedule): Promise<void> {
    if (s.timing.kind === 'once') await this.order.remove(s.id);
  }

  /** At start: indexes the announcements of a store written before the index existed (once per store). */
  async heal(): Promise<void> {
    await this.order.heal({
      version: 'v1',
      fill: async (index) => {
        for (const [, s] of await this.deps.scheduler.schedules.list()) {
          if (s.kind === 'announcement' && !(await this.isDone(s))) await index.putIfAbsent(s.id, ...orderOf(s));
        }
      },
    });
  }

  /** A schedule that can still be changed: it exists, is an announcement, and has not gone out or been cancelled. */
  async pending(id: string): Promise<Schedule> {
    const s = await this.deps.scheduler.schedules.get(id.trim().toLowerCase());
    if (!s || s.kind !== 'announcement') throw new UserError('announce.unknown', `There is no scheduled announcement "${id.slice(0, 20)}". /announce list shows the ids.`);
    if (s.cancelled) throw new UserError('announce.cancelled', `Announcement ${s.id} was already cancelled.`);
    if (await this.isDone(s)) throw new UserError('announce.done', `Announcement ${s.id} has already gone out; it can no longer be changed.`);
    return s;
  }

  async get(id: string): Promise<Schedule | undefined> {
    return this.deps.scheduler.schedules.get(id.trim().toLowerCase());
  }

  /** The next runs of a schedule (once: its instant; cron: the next `n`). */
  nextRuns(s: Schedule, n = 5): Date[] {
    if (s.timing.kind === 'once') return [new Date(s.timing.at)];
    return nextOccurrences(parseCron(s.timing.cron), this.deps.clock.now(), s.tz, n);
  }

  /** "once at Tue, Dec 1, 2026, 9:00 AM CST → slack, discord" */
  summary(s: Schedule): string {
    const when = s.timing.kind === 'once' ? `once at ${formatWhen(new Date(s.timing.at), s.tz)}` : `every "${s.timing.cron}" (${s.tz})`;
    const where = s.targets.map((p) => (s.channels[p] ? `${p} #${s.channels[p]}` : p)).join(', ');
    return `${when} → ${where}${s.ping ? ` (ping ${s.ping.kind === 'here' ? '@here' : `role ${s.ping.role}`})` : ''}`;
  }

  /** What the outbox says about an occurrence that another path (a start-up reconcile, a replica) sent. */
  private async recorded(s: Schedule, at: Date): Promise<DeliveryResult | undefined> {
    const record = await this.deps.outbox.get(s.id, at);
    if (!record) return undefined;
    const refs: MessageRef[] = [];
    const failed: DeliveryResult['failed'] = [];
    for (const [platform, t] of Object.entries(record.targets) as [Platform, NonNullable<OutboxRecord['targets'][Platform]>][]) {
      if (t.state === 'sent') refs.push({ platform, channelId: t.channelId ?? '', messageId: t.messageId ?? '' });
      else failed.push({ platform, error: t.error ?? 'not posted' });
    }
    return { record, refs, failed, released: false };
  }

  private async isDone(s: Schedule): Promise<boolean> {
    if (s.cancelled) return true;
    if (s.timing.kind !== 'once') return false;
    return (await this.deps.outbox.get(s.id, new Date(s.timing.at))) !== undefined;
  }

  private timingOf(when: When, now: Date): Timing {
    if (when.kind === 'now') return { kind: 'once', at: now.toISOString() };
    if (when.kind === 'at') return { kind: 'once', at: parseWhen(when.text, now, this.deps.zone).toISOString() };
    parseRunnableCron(when.cron, now, this.deps.zone);
    return { kind: 'cron', cron: when.cron.trim().replace(/\s+/g, ' ') };
  }
}

/** The message an announcement posts. */
export function renderAnnouncement(s: Schedule): Message {
  return { text: s.text, ping: s.ping, footer: 'From NIAPP leadership', tone: 'info' };
}
