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
import { type Audit, actorRef } from '../announcements/audit.js';
import type { Outbox } from '../announcements/outbox.js';
import type { Schedule } from '../announcements/schedule-model.js';
import type { Scheduler } from '../announcements/scheduler.js';
import type { Announcements } from '../announcements/service.js';
import { type To, checkText, resolveChannels, resolveTargets } from '../announcements/targets.js';
import { parseWhen } from '../announcements/when.js';
import { type BotEvent, type Rsvp, eventSchema, postRefSchema, rsvpSchema } from './model.js';
import { eventMessage, reminderMessage } from './render.js';
import { memberLine, memberText } from '../../core/text.js';

export interface EventInput {
  title: string;
  at: string;
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
}

export const DEFAULT_REMIND = '1d,1h';

export class Events {
  readonly events: Repo<BotEvent>;
  private readonly rsvps: Repo<Rsvp>;
  private readonly posts: Repo<MessageRef>;

  constructor(private readonly deps: EventDeps) {
    this.events = new Repo(deps.store, 'events', eventSchema, deps.log);
    this.rsvps = new Repo(deps.store, 'rsvps', rsvpSchema, deps.log);
    this.posts = new Repo(deps.store, 'event-posts', postRefSchema, deps.log);
    deps.scheduler.kinds.set('event', {
      render: async (s) => {
        const event = await this.live(s.eventId);
        return event && eventMessage(event, await this.going(event.id), this.deps.clock.now());
      },
      afterPost: async (s, _at, refs) => {
        for (const ref of refs) await this.posts.set(`${s.eventId}:${ref.platform}`, ref);
      },
    });
    deps.scheduler.kinds.set('reminder', {
      render: async (s) => {
        const event = await this.live(s.eventId);
        return event && reminderMessage(event, s.offsetMs);
      },
      afterPost: (s, at) => this.remindAttendees(s, at),
    });
  }

  /** Validates, stores, posts the event now and arms its reminders. */
  async add(actor: Actor, input: EventInput): Promise<{ event: BotEvent; posted: MessageRef[] }> {
    const now = this.deps.clock.now();
    // Typed text is shown as typed, never as a masked link or with hidden characters (src/core/text.ts).
    const title = memberLine(input.title);
    const details = input.details === undefined ? undefined : memberText(input.details);
    if (!title) throw new UserError('event.title', 'The event needs a title, e.g. /event add "CRSS exam prep webinar" --at "2026-12-03 12:00".');
    const at = parseWhen(input.at, now, this.deps.zone);
    const remind = parseOffsets(input.remind ?? DEFAULT_REMIND);
    const targets = resolveTargets(this.deps.outlets, input.to);
    checkText(`${title}\n${details ?? ''}\n${input.url ?? ''}`, targets, 120);
    const channels = await resolveChannels(this.deps.outlets, targets, input.channels);
    let id = '';
    const base = { title, at: at.toISOString(), url: input.url, details: details || undefined, remind, targets, channels, tz: this.deps.zone, createdBy: actorRef(actor), createdAt: now.toISOString(), cancelled: false };
    const shared = { text: title, targets, channels, createdBy: actorRef(actor), createdAt: now.toISOString() };
    // The id is claimed first so that the schedules can name it; the record is complete before it is posted.
    for (;;) {
      id = `e${randomBytes(2).toString('hex')}`;
      if (await this.events.create(id, { ...base, id, scheduleIds: [] })) break;
    }
    const post = await this.deps.announcements.create({ ...shared, kind: 'event', eventId: id, timing: { kind: 'once', at: now.toISOString() } });
    const reminders: Schedule[] = [];
    for (const offset of remind) {
      const when = reminderAt(at, offset, this.deps.zone);
      if (when.getTime() <= now.getTime()) continue;
      reminders.push(await this.deps.announcements.create({ ...shared, kind: 'reminder', eventId: id, offsetMs: offset, timing: { kind: 'once', at: when.toISOString() } }));
    }
    const event: BotEvent = { ...base, id, scheduleIds: [post.id, ...reminders.map((r) => r.id)] };
    await this.events.set(id, event);
    await this.deps.audit.add({ actor: actorRef(actor), action: 'event-added', scheduleId: id, summary: `event "${title.slice(0, 60)}" at ${event.at}, ${reminders.length} reminder(s)` });
    for (const r of reminders) this.deps.scheduler.arm(r);
    const result = await this.deps.scheduler.fire(post, new Date(now));
    return { event, posted: result?.refs ?? [] };
  }

  async cancel(actor: Actor, id: string): Promise<BotEvent> {
    const event = await this.events.get(id.trim().toLowerCase());
    if (!event) throw new UserError('event.unknown', `There is no event "${id.slice(0, 20)}". /event list shows the ids.`);
    if (event.cancelled) throw new UserError('event.cancelled', `Event ${event.id} was already cancelled.`);
    const next = { ...event, cancelled: true };
    await this.events.set(event.id, next);
    for (const sid of event.scheduleIds) {
      const s = await this.deps.scheduler.schedules.get(sid);
      if (s && s.kind === 'reminder') await this.deps.scheduler.schedules.set(sid, { ...s, cancelled: true });
      this.deps.scheduler.disarm(sid);
    }
    await this.deps.audit.add({ actor: actorRef(actor), action: 'event-cancelled', scheduleId: event.id, summary: `event "${event.title.slice(0, 60)}"` });
    await this.refreshPosts(event.id);
    return next;
  }

  /** Upcoming events, soonest first. */
  async upcoming(): Promise<BotEvent[]> {
    const now = this.deps.clock.now().getTime();
    return (await this.events.list())
      .map(([, e]) => e)
      .filter((e) => !e.cancelled && new Date(e.at).getTime() > now)
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  /** "I'll attend" toggles: the first press records the member, the next one takes it back. */
  async toggleRsvp(eventId: string, actor: Actor): Promise<{ event: BotEvent; going: boolean; count: number }> {
    const event = await this.live(eventId);
    if (!event) throw new UserError('event.gone', 'This event has been cancelled or is over, so RSVPs are closed.');
    if (new Date(event.at).getTime() <= this.deps.clock.now().getTime()) throw new UserError('event.past', 'This event has already started, so RSVPs are closed.');
    const key = `${event.id}:${actor.platform}:${actor.id}`;
    const going = await this.rsvps.create(key, { platform: actor.platform, userId: actor.id, name: actor.name, at: this.deps.clock.now().toISOString() });
    if (!going) await this.rsvps.delete(key);
    return { event, going, count: await this.going(event.id) };
  }

  async going(eventId: string): Promise<number> {
    return (await this.rsvps.list(`${eventId}:`)).length;
  }

  async attendees(eventId: string): Promise<Rsvp[]> {
    return (await this.rsvps.list(`${eventId}:`)).map(([, r]) => r);
  }

  /** Re-renders the event's posts everywhere (count changed, or cancelled); `except` is updated by the caller. */
  async refreshPosts(eventId: string, except?: MessageRef): Promise<void> {
    const event = await this.events.get(eventId);
    if (!event) return;
    const msg = eventMessage(event, await this.going(eventId), this.deps.clock.now());
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
    const msg = reminderMessage(event, s.offsetMs);
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
