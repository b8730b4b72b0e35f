// Scheduled and recurring polls, through the announcement scheduler and its outbox (not a second scheduler):
// a schedule of kind "poll" carries the poll's plan; each occurrence creates its poll under an id derived from
// the occurrence (schedule id + instant), so a restart or a second replica rendering it again finds the same
// poll, and the outbox claim makes sure it is posted once. The poll closes `durationMs` after its occurrence.
// Listed, previewed, edited and cancelled like announcements, with the same audit log.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Actor, Outlets } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import type { Message } from '../../core/message.js';
import type { Clock } from '../clock.js';
import type { AnnouncementServices } from '../announcements/index.js';
import { actorRef } from '../audit.js';
import { parseRunnableCron } from '../announcements/cron.js';
import type { Schedule, Timing } from '../announcements/schedule-model.js';
import type { KindHooks } from '../announcements/scheduler.js';
import { type To, resolveChannels, resolveTargets } from '../announcements/targets.js';
import { parseWhen } from '../announcements/when.js';
import type { PollService } from './index.js';
import { LIMITS, isOpen, optionsSchema, questionSchema, type Poll } from './model.js';
import { pollMessage } from './render.js';
import { tallyOf } from './tally.js';

export const MAX_DURATION_MS = 366 * 86_400_000;

export const planSchema = z.object({
  question: questionSchema,
  options: optionsSchema,
  maxChoices: z.number().int().min(1).max(LIMITS.maxOptions),
  public: z.boolean(),
  hideResults: z.boolean(),
  comments: z.boolean(),
  /** How long each occurrence's poll stays open. */
  durationMs: z.number().int().min(60_000).max(MAX_DURATION_MS),
});
export type PollPlan = z.infer<typeof planSchema>;

export type PollWhen = { kind: 'at'; text: string } | { kind: 'every'; cron: string };

export interface PollScheduleInput {
  plan: PollPlan;
  when: PollWhen;
  to?: To;
  channels?: string[];
}

export interface PollScheduleEdit {
  at?: string;
  every?: string;
  durationMs?: number;
  question?: string;
  options?: string[];
}

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** The poll id of one occurrence: the same for every process that renders it. */
export function occurrencePollId(scheduleId: string, at: Date): string {
  const digest = createHash('sha256').update(`poll-schedule:${scheduleId}@${at.toISOString()}`).digest();
  return Array.from(digest.subarray(0, 8), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

export const planOf = (s: Schedule): PollPlan => planSchema.parse(s.payload);

/** The poll an occurrence creates (closing `durationMs` after the occurrence). */
function newPoll(plan: PollPlan, at: Date) {
  const { durationMs, ...rest } = plan;
  return { ...rest, everywhere: true, closesAt: new Date(at.getTime() + durationMs).toISOString() };
}

export interface PollSchedulesDeps {
  polls: PollService;
  announce: AnnouncementServices;
  outlets: Outlets;
  clock: Clock;
  zone: string;
}

export class PollSchedules {
  constructor(private readonly deps: PollSchedulesDeps) {}

  /** The scheduler's hooks for kind "poll". */
  hooks(): KindHooks {
    const { polls, zone } = this.deps;
    return {
      async render(s, at) {
        const poll = await polls.ensure(occurrencePollId(s.id, at), newPoll(planOf(s), at), s.createdBy, at);
        return isOpen(poll) ? pollMessage(poll, tallyOf(poll, []), zone) : undefined;
      },
      async afterPost(s, at, refs) {
        await polls.track(occurrencePollId(s.id, at), refs);
      },
    };
  }

  async schedule(actor: Actor, input: PollScheduleInput): Promise<Schedule> {
    const now = this.deps.clock.now();
    const plan = planSchema.parse(input.plan);
    const timing = this.timingOf(input.when, now);
    const targets = resolveTargets(this.deps.outlets, input.to);
    const channels = await resolveChannels(this.deps.outlets, targets, input.channels);
    const { announcements, audit, scheduler } = this.deps.announce;
    const s = await announcements.create({ kind: 'poll', timing, text: plan.question, targets, channels, createdBy: actorRef(actor), createdAt: now.toISOString(), payload: plan });
    await audit.add({ actor: actorRef(actor), action: 'scheduled', scheduleId: s.id, summary: `poll: ${this.summary(s)}` });
    scheduler.arm(s);
    return s;
  }

  /** Scheduled polls still to come, soonest first. */
  async upcoming(): Promise<Schedule[]> {
    const { scheduler } = this.deps.announce;
    const out: Schedule[] = [];
    for (const [, s] of await scheduler.schedules.list()) if (s.kind === 'poll' && !(await this.isDone(s))) out.push(s);
    const next = (s: Schedule) => scheduler.nextRun(s.id)?.getTime() ?? Infinity;
    return out.sort((a, b) => next(a) - next(b));
  }

  async pending(rawId: string): Promise<Schedule> {
    const id = rawId.trim().toLowerCase();
    const s = await this.deps.announce.scheduler.schedules.get(id);
    if (!s || s.kind !== 'poll') throw new UserError('poll.schedule-unknown', `There is no scheduled poll "${rawId.slice(0, 20)}". \`/poll schedules\` lists them with their ids.`);
    if (s.cancelled) throw new UserError('poll.schedule-cancelled', `Scheduled poll ${s.id} was already cancelled.`);
    if (await this.isDone(s)) throw new UserError('poll.schedule-done', `Scheduled poll ${s.id} has already been posted; it can no longer be changed.`);
    return s;
  }

  async edit(actor: Actor, id: string, patch: PollScheduleEdit): Promise<Schedule> {
    const current = await this.pending(id);
    if (patch.at && patch.every) throw new UserError('poll.schedule-edit-both', 'Give either --at or --every, not both.');
    const now = this.deps.clock.now();
    const timing = patch.at ? this.timingOf({ kind: 'at', text: patch.at }, now) : patch.every ? this.timingOf({ kind: 'every', cron: patch.every }, now) : current.timing;
    const plan = planSchema.parse({ ...planOf(current), ...definedOf({ durationMs: patch.durationMs, question: patch.question, options: patch.options }) });
    const next: Schedule = { ...current, timing, text: plan.question, payload: plan };
    const { scheduler, audit } = this.deps.announce;
    await scheduler.schedules.set(current.id, next);
    await audit.add({ actor: actorRef(actor), action: 'edited', scheduleId: current.id, summary: `poll: ${this.summary(next)}` });
    scheduler.arm(next);
    return next;
  }

  async cancel(actor: Actor, id: string): Promise<Schedule> {
    const current = await this.pending(id);
    const next = { ...current, cancelled: true };
    const { scheduler, audit } = this.deps.announce;
    await scheduler.schedules.set(current.id, next);
    scheduler.disarm(current.id);
    await audit.add({ actor: actorRef(actor), action: 'cancelled', scheduleId: current.id, summary: `poll: ${this.summary(current)}` });
    return next;
  }

  /** The poll message as members will see it when the next occurrence is posted. */
  preview(s: Schedule): Message {
    const at = this.nextRuns(s, 1)[0] ?? this.deps.clock.now();
    const draft: Poll = { ...newPoll(planOf(s), at), id: occurrencePollId(s.id, at), createdBy: s.createdBy, createdAt: at.toISOString() };
    return pollMessage(draft, tallyOf(draft, []), this.deps.zone);
  }

  nextRuns(s: Schedule, n = 5): Date[] {
    return this.deps.announce.announcements.nextRuns(s, n);
  }

  /** "once at … → slack, discord · open 3d" */
  summary(s: Schedule): string {
    return `${this.deps.announce.announcements.summary(s)} · open ${formatDuration(planOf(s).durationMs)}`;
  }

  private async isDone(s: Schedule): Promise<boolean> {
    if (s.cancelled) return true;
    if (s.timing.kind !== 'once') return false;
    return (await this.deps.announce.outbox.get(s.id, new Date(s.timing.at))) !== undefined;
  }

  private timingOf(when: PollWhen, now: Date): Timing {
    if (when.kind === 'at') return { kind: 'once', at: parseWhen(when.text, now, this.deps.zone).toISOString() };
    parseRunnableCron(when.cron, now, this.deps.zone);
    return { kind: 'cron', cron: when.cron.trim().replace(/\s+/g, ' ') };
  }
}

const definedOf = <T extends Record<string, unknown>>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function formatDuration(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm']];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n) parts.push(`${n}${name}`);
    rest -= n * size;
  }
  return parts.join(' ') || '0m';
}
