// Events: the announcement with its RSVP button and calendar file, RSVPs, reminders at chosen offsets
// (through the same scheduler and outbox as announcements), and direct reminders to members who RSVP'd.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Actor, Outlets } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import type { MessageRef } from '../../core/message.js';
import { parseDuration } from '../../config.js';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import { type Audit, actorRef } from '../audit.js';
import type { Outbox } from '../announcements/outbox.js';
import type { Schedule } from '../announcements/schedule-model.js';
import type { Scheduler } from '../announcements/scheduler.js';
import type { Announcements } from '../announcements/service.js';
import { type To, checkText, resolveChannels, resolveTargets } from '../announcements/targets.js';
import { formatWhen, parseWhen, wallTime } from '../announcements/when.js';
import { type BotEvent, DEFAULT_LENGTH_MS, type Rsvp, eventSchema, lengthOf, postRefSchema, rsvpSchema, startsOf } from './model.js';
import { NativeCalendars } from './native.js';
import { EventAgenda } from './agenda.js';
import { eventMessage, reminderMessage } from './render.js';
import { clip, memberLine, memberText } from '../../core/text.js';

export interface EventInput {
  title: string;
  at: string;
  /** "90m", "1h30m"; or `end`, a time after the start ("1:30pm", "2026-12-03 13:30"). Default one hour. */
  duration?: string;
  end?: string;
  repeat?: 'weekly' | 'biweekly' | 'monthly';
  /** How many occurrences a recurring event has (2-52, default 6). */
  times?: number;
  url?: string;
  details?: string;
  remind?: string;
  to?: To;
  channels?: string[];
}

export interface EventDeps {
  store: Store;
  outlets: Outlets;
  clock: Clock;
  log: Logger;
  zone: string;
  scheduler: Scheduler;
  announcements: Announcements;
  audit: Audit;
  outbox: Outbox;
  organizer?: string;
}

export const DEFAULT_REMIND = '1d,1h';

export class Events {
  readonly events: Repo<BotEvent>;
  private readonly rsvps: Repo<Rsvp>;
  private readonly posts: Repo<MessageRef>;
  private readonly native: NativeCalendars;
  /** The ordered index rows of events (agenda.ts), written after the record on add and cancel. */
  private readonly agenda: EventAgenda;

  constructor(private readonly deps: EventDeps) {
    this.native = new NativeCalendars(deps);
    this.events = new Repo(deps.store, 'events', eventSchema, deps.log);
    this.rsvps = new Repo(deps.store, 'rsvps', rsvpSchema, deps.log);
    this.posts = new Repo(deps.store, 'event-posts', postRefSchema, deps.log);
    this.agenda = new EventAgenda(deps.store);
    deps.scheduler.kinds.set('event', {
      render: async (s) => {
        const event = await this.live(s.eventId);
        return event && eventMessage(event, await this.going(event.id), this.deps.clock.now(), await this.interested(event));
      },
      afterPost: async (s, _at, refs) => {
        for (const ref of refs) await this.posts.set(`${s.eventId}:${ref.platform}`, ref);
      },
    });
    deps.scheduler.kinds.set('reminder', {
      render: async (s) => {
        const event = await this.live(s.eventId);
        return event && reminderMessage(event, s.offsetMs, s.occurrence);
      },
      afterPost: (s, at) => this.remindAttendees(s, at),
    });
    deps.scheduler.kinds.set('calendar', {
      render: async () => undefined,
      task: (s) => this.moveNativeOn(s.eventId),
    });
  }

  /** Validates, stores, posts the event now and arms its reminders. */
  async add(actor: Actor, input: EventInput): Promise<{ event: BotEvent; posted: MessageRef[]; notes: string[] }> {
    const now = this.deps.clock.now();
    // Typed text is shown as typed, never as a masked link or with hidden characters (src/core/text.ts).
    const title = memberLine(input.title);
    const details = input.details === undefined ? undefined : memberText(input.details);
    if (!title) throw new UserError('event.title', 'The event needs a title, e.g. /event add "CRSS exam prep webinar" --at "2026-12-03 12:00".');
    const at = parseWhen(input.at, now, this.deps.zone);
    const end = endOf(at, input, this.deps.zone);
    const occurrences = input.repeat ? repeatStarts(at, input.repeat, input.times ?? 6, this.deps.zone) : undefined;
    const remind = parseOffsets(input.remind ?? DEFAULT_REMIND);
    const targets = resolveTargets(this.deps.outlets, input.to);
    checkText(`${title}\n${details ?? ''}\n${input.url ?? ''}`, targets, 120);
    const channels = await resolveChannels(this.deps.outlets, targets, input.channels);
    let id = '';
    const base = { title, at: at.toISOString(), end: end.toISOString(), native: {}, occurrences, repeat: input.repeat, sequence: 0, organizer: this.deps.organizer, url: input.url, details: details || undefined, remind, targets, channels, tz: this.deps.zone, createdBy: actorRef(actor), createdAt: now.toISOString(), cancelled: false };
    const shared = { text: title, targets, channels, createdBy: actorRef(actor), createdAt: now.toISOString() };
    // The id is claimed first so that the schedules can name it; the record is complete before it is posted.
    for (;;) {
      id = `e${randomBytes(2).toString('hex')}`;
      if (await this.events.create(id, { ...base, id, scheduleIds: [] })) break;
    }
    const post = await this.deps.announcements.create({ ...shared, kind: 'event', eventId: id, timing: { kind: 'once', at: now.toISOString() } });
    const reminders: Schedule[] = [];
    // Reminders for every occurrence, each its own schedule: the outbox claims each once, across restarts.
    for (const start of occurrences ?? [at.toISOString()]) {
      for (const offset of remind) {
        const when = reminderAt(new Date(start), offset, this.deps.zone);
        if (when.getTime() <= now.getTime()) continue;
        reminders.push(await this.deps.announcements.create({ ...shared, kind: 'reminder', eventId: id, offsetMs: offset, occurrence: occurrences ? start : undefined, timing: { kind: 'once', at: when.toISOString() } }));
      }
    }
    const planned: BotEvent = { ...base, id, native: {}, nativeRecurring: [], scheduleIds: [post.id, ...reminders.map((r) => r.id)] };
    const { native, recurring, notes } = await this.native.create(planned);
    // A recurring event's platform entries move on (or end) after each occurrence: a task at every end.
    const moves: Schedule[] = [];
    if (occurrences && Object.keys(native).length) {
      for (const start of occurrences) {
        const end = new Date(new Date(start).getTime() + lengthOf(planned));
        moves.push(await this.deps.announcements.create({ ...shared, kind: 'calendar', eventId: id, occurrence: start, timing: { kind: 'once', at: end.toISOString() } }));
      }
    }
    const event: BotEvent = { ...planned, native, nativeRecurring: recurring, scheduleIds: [...planned.scheduleIds, ...moves.map((m) => m.id)] };
    await this.events.set(id, event);
    await this.agenda.write(event);
    await this.deps.audit.add({ actor: actorRef(actor), action: 'event-added', scheduleId: id, summary: `event "${title.slice(0, 60)}" at ${formatWhen(at, this.deps.zone)}, ${reminders.length} reminder(s)` });
    for (const r of [...reminders, ...moves]) this.deps.scheduler.arm(r);
    const result = await this.deps.scheduler.fire(post, new Date(now));
    return { event, posted: result?.refs ?? [], notes };
  }

  /** Members who marked the Discord event "interested" (undefined where there is none or it cannot be read). */
  interested(event: BotEvent): Promise<number | undefined> {
    return this.native.interested(event);
  }

  /** A new length moves the tasks that run when each occurrence ends. */
  private async retimeCalendarMoves(event: BotEvent): Promise<void> {
    for (const sid of event.scheduleIds) {
      const s = await this.deps.scheduler.schedules.get(sid);
      if (s?.kind !== 'calendar' || !s.occurrence || s.cancelled) continue;
      const moved: Schedule = { ...s, timing: { kind: 'once', at: new Date(new Date(s.occurrence).getTime() + lengthOf(event)).toISOString() } };
      await this.deps.scheduler.schedules.set(sid, moved);
      this.deps.scheduler.arm(moved);
    }
  }

  /** After an occurrence of a recurring event ended: its platform entries move on to the next (or end). */
  private async moveNativeOn(eventId: string | undefined): Promise<void> {
    const event = await this.live(eventId);
    if (!event) return;
    const native = await this.native.sync(event);
    if (native) await this.events.set(event.id, { ...event, native });
  }

  /**
   * Changes the title, link, details or length of an event (not its start: cancel and add again for that).
   * Calendars see a higher SEQUENCE; the posts and the platforms' own event entries are brought in step.
   */
  async edit(actor: Actor, id: string, input: Partial<Pick<EventInput, 'title' | 'url' | 'details' | 'duration' | 'end'>>): Promise<BotEvent> {
    const event = await this.events.get(id.trim().toLowerCase());
    if (!event) throw new UserError('event.unknown', `There is no event "${id.slice(0, 20)}". /event list shows the ids.`);
    if (event.cancelled) throw new UserError('event.cancelled', `Event ${event.id} was cancelled, so it cannot be edited.`);
    // Edited text is cleaned as added text is (src/core/text.ts): shown as typed, never as a masked link.
    const title = input.title === undefined ? undefined : memberLine(input.title);
    if (input.title !== undefined && !title) throw new UserError('event.title', 'The title cannot be empty.');
    if (title === undefined && input.url === undefined && input.details === undefined && !input.duration && !input.end) {
      throw new UserError('event.edit-nothing', `Say what to change: /event edit ${event.id} --title "…" --url https://… --details "…" --duration 90m or --end "1:30pm" (--url none or --details none removes one).`);
    }
    const at = new Date(event.at);
    const end = input.duration || input.end ? endOf(at, input, this.deps.zone).toISOString() : event.end;
    // "none" removes the link or the description.
    const url = input.url === undefined ? event.url : input.url.trim().toLowerCase() === 'none' ? undefined : input.url;
    const details = input.details === undefined ? event.details : input.details.trim().toLowerCase() === 'none' ? undefined : memberText(input.details) || event.details;
    const next: BotEvent = { ...event, title: title ?? event.title, url, details, end, sequence: (event.sequence ?? 0) + 1 };
    checkText(`${next.title}\n${next.details ?? ''}\n${next.url ?? ''}`, next.targets, 120);
    await this.events.set(event.id, next);
    await this.native.update(next);
    if (end !== event.end) await this.retimeCalendarMoves(next);
    await this.deps.audit.add({ actor: actorRef(actor), action: 'edited', scheduleId: event.id, summary: `event "${clip(next.title, 60)}"` });
    await this.refreshPosts(event.id);
    return next;
  }

  async cancel(actor: Actor, id: string): Promise<BotEvent> {
    const event = await this.events.get(id.trim().toLowerCase());
    if (!event) throw new UserError('event.unknown', `There is no event "${id.slice(0, 20)}". /event list shows the ids.`);
    if (event.cancelled) throw new UserError('event.cancelled', `Event ${event.id} was already cancelled.`);
    const next = { ...event, cancelled: true, sequence: (event.sequence ?? 0) + 1 };
    await this.events.set(event.id, next);
    await this.agenda.write(next);
    for (const sid of event.scheduleIds) {
      const s = await this.deps.scheduler.schedules.get(sid);
      if (s && (s.kind === 'reminder' || s.kind === 'calendar')) await this.deps.scheduler.schedules.set(sid, { ...s, cancelled: true });
      this.deps.scheduler.disarm(sid);
    }
    await this.native.cancel(event);
    await this.deps.audit.add({ actor: actorRef(actor), action: 'event-cancelled', scheduleId: event.id, summary: `event "${event.title.slice(0, 60)}"` });
    await this.refreshPosts(event.id);
    return next;
  }

  /** Every event record (the calendar feed picks the ones still to come). */
  async all(): Promise<BotEvent[]> {
    return (await this.events.list()).map(([, e]) => e);
  }

  /** Upcoming events, soonest first. */
  async upcoming(): Promise<BotEvent[]> {
    const now = this.deps.clock.now().getTime();
    return (await this.events.list())
      .map(([, e]) => e)
      .filter((e) => !e.cancelled && nextStart(e, now) !== undefined)
      .sort((a, b) => nextStart(a, now)!.localeCompare(nextStart(b, now)!));
  }

  /** At start: adds the index rows of events that an older store or a crash left without them. */
  heal(): Promise<void> {
    return this.agenda.heal(() => this.all(), () => this.events.count());
  }

  /** How many events still have a start to come. */
  upcomingCount(): Promise<number> {
    return this.agenda.upcomingCount(this.deps.clock.now());
  }

  /** One page of the agenda (see agenda.ts), soonest first. */
  page(offset: number, limit: number): ReturnType<EventAgenda['page']> {
    return this.agenda.page(offset, limit, this.deps.clock.now(), (ids) => this.events.getMany(ids));
  }

  /** "I'll attend" toggles: the first press records the member, the next one takes it back. */
  async toggleRsvp(eventId: string, actor: Actor): Promise<{ event: BotEvent; going: boolean; count: number }> {
    const event = await this.live(eventId);
    if (!event) throw new UserError('event.gone', 'This event has been cancelled or is over, so RSVPs are closed.');
    if (nextStart(event, this.deps.clock.now().getTime()) === undefined) throw new UserError('event.past', 'This event has already started, so RSVPs are closed.');
    const key = `${event.id}:${actor.platform}:${actor.id}`;
    const going = await this.rsvps.create(key, { platform: actor.platform, userId: actor.id, name: actor.name, at: this.deps.clock.now().toISOString() });
    if (!going) await this.rsvps.delete(key);
    return { event, going, count: await this.going(event.id) };
  }

  async going(eventId: string): Promise<number> {
    return this.rsvps.count(`${eventId}:`);
  }

  async attendees(eventId: string): Promise<Rsvp[]> {
    return (await this.rsvps.list(`${eventId}:`)).map(([, r]) => r);
  }

  /** Re-renders the event's posts everywhere (count changed, or cancelled); `except` is updated by the caller. */
  async refreshPosts(eventId: string, except?: MessageRef): Promise<void> {
    const event = await this.events.get(eventId);
    if (!event) return;
    const msg = eventMessage(event, await this.going(eventId), this.deps.clock.now(), await this.interested(event));
    for (const [, ref] of await this.posts.list(`${eventId}:`)) {
      if (except && ref.platform === except.platform && ref.messageId === except.messageId) continue;
      try {
        await this.deps.outlets.get(ref.platform)?.update(ref, msg);
      } catch (err) {
        this.deps.log.warn({ err, event: eventId, platform: ref.platform }, 'could not refresh an event post');
      }
    }
  }

  private async live(eventId: string | undefined): Promise<BotEvent | undefined> {
    const event = eventId ? await this.events.get(eventId) : undefined;
    return event && !event.cancelled ? event : undefined;
  }

  /** A direct reminder to each member who RSVP'd, once each (claimed in the outbox), where the platform allows. */
  private async remindAttendees(s: Schedule, at: Date): Promise<void> {
    const event = await this.live(s.eventId);
    if (!event) return;
    const msg = reminderMessage(event, s.offsetMs, s.occurrence);
    let sent = 0;
    let refused = 0;
    for (const r of await this.attendees(event.id)) {
      const outlet = this.deps.outlets.get(r.platform);
      if (!outlet) continue;
      if (!(await this.deps.store.claim('outbox-dm', `${s.id}@${at.toISOString()}:${r.platform}:${r.userId}`, true, 60 * 86_400_000))) continue;
      try {
        if (await outlet.dm(r.userId, msg)) sent++;
        else refused++;
      } catch (err) {
        refused++;
        this.deps.log.warn({ err, event: event.id, platform: r.platform }, 'could not send a direct reminder');
      }
    }
    this.deps.log.info({ event: event.id, sent, refused }, 'direct reminders sent');
  }
}

export { calendarEntry } from './native.js';

/** The next start after `nowMs` (a recurring event's next occurrence), or undefined when all have begun. */
export function nextStart(e: BotEvent, nowMs: number): string | undefined {
  return startsOf(e).find((s) => new Date(s).getTime() > nowMs);
}

const MAX_LENGTH_MS = 14 * 86_400_000;
/** An end given as a clock time alone ("5pm", "17:30"): read as the first such time after the start. */
const BARE_CLOCK = /^\s*\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)?\s*$/i;

/** The end from --duration or --end (default one hour); refused when it is not after the start. */
export function endOf(at: Date, input: Pick<EventInput, 'duration' | 'end'>, zone: string): Date {
  if (input.duration && input.end) throw new UserError('event.end', 'Give either --duration or --end, not both.');
  if (input.end) {
    const end = parseWhen(input.end, at, zone);
    if (BARE_CLOCK.test(input.end) && end.getTime() - at.getTime() > 12 * 3_600_000) {
      throw new UserError('event.end', `--end "${input.end.trim()}" is earlier in the day than the start (${formatWhen(at, zone)}), so the event would run into the next day. If it does, give the end's date too, e.g. --end "${DateTime.fromJSDate(end, { zone }).toFormat('yyyy-MM-dd HH:mm')}".`);
    }
    if (end.getTime() - at.getTime() > MAX_LENGTH_MS) throw new UserError('event.end', 'An event can last at most 14 days. Check --end.');
    return end;
  }
  if (!input.duration) return new Date(at.getTime() + DEFAULT_LENGTH_MS);
  const ms = parseDuration(input.duration);
  if (!ms || ms < 5 * 60_000 || ms > MAX_LENGTH_MS) {
    throw new UserError('event.duration', `"${input.duration.slice(0, 20)}" is not a duration. Write it like --duration 90m or --duration 1h30m (5 minutes to 14 days).`);
  }
  return new Date(at.getTime() + ms);
}

/** Starts of a recurring event at the same wall-clock time: weekly, every two weeks, or monthly on the same
 *  weekday of the month (the 1st Tuesday; a 5th weekday becomes the last one). */
export function repeatStarts(at: Date, repeat: NonNullable<EventInput['repeat']>, times: number, zone: string): string[] {
  if (!Number.isInteger(times) || times < 2 || times > 52) throw new UserError('event.times', 'A recurring event has 2 to 52 occurrences: --times 6.');
  const first = DateTime.fromJSDate(at, { zone });
  const nth = Math.ceil(first.day / 7);
  const out: string[] = [];
  for (let i = 0; i < times; i++) {
    let day: DateTime;
    if (repeat !== 'monthly') day = first.plus({ days: i * (repeat === 'weekly' ? 7 : 14) });
    else {
      const month = first.startOf('month').plus({ months: i });
      const firstSame = month.plus({ days: (first.weekday - month.weekday + 7) % 7 });
      day = firstSame.plus({ weeks: nth - 1 });
      if (nth >= 5 || day.month !== month.month) day = firstSame.plus({ weeks: Math.floor((month.daysInMonth! - firstSame.day) / 7) });
    }
    out.push(wallTime({ year: day.year, month: day.month, day: day.day, hour: first.hour, minute: first.minute }, zone)!.toUTC().toISO()!);
  }
  return out;
}

/** "1d before" means the same wall-clock time the day before, also across a DST change; hours are exact. */
export function reminderAt(eventAt: Date, offsetMs: number, zone: string): Date {
  if (offsetMs % 86_400_000 !== 0) return new Date(eventAt.getTime() - offsetMs);
  return DateTime.fromJSDate(eventAt, { zone }).minus({ days: offsetMs / 86_400_000 }).toJSDate();
}

/** "7d,1d,1h" → offsets in ms, largest first. */
export function parseOffsets(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const out = new Set<number>();
  for (const p of parts) {
    const ms = parseDuration(p);
    if (!ms || ms < 60_000) throw new UserError('event.remind', `"${p}" is not a reminder offset. Write them like --remind 7d,1d,1h (w, d, h, m).`);
    out.add(ms);
  }
  if (out.size > 5) throw new UserError('event.remind', 'At most 5 reminders per event.');
  return [...out].sort((a, b) => b - a);
}
