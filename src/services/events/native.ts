// The platforms' own calendar entries for events (Discord Guild Scheduled Events): made with the event, kept in
// step on edit and cancel, and — for a recurring event — every occurrence covered: one entry that the platform
// repeats where its rules can say the series (`recurring`), else an entry for the next occurrence that `sync`
// moves on after each one ends (the events service runs it from a 'calendar' schedule at every occurrence's end,
// so it happens once, also across restarts). A recurring entry is removed after the last occurrence, because
// Discord lets no application give a series an end.
import type { Logger } from 'pino';
import type { CalendarEntry, Outlets } from '../../core/context.js';
import type { Platform } from '../../core/message.js';
import type { Clock } from '../clock.js';
import { type BotEvent, lengthOf, startsOf } from './model.js';

/**
 * The platform entry for an event as of `nowMs`: its current or next occurrence (the last, when all are over),
 * with the link as location; with `series`, the starts from that occurrence on, for a platform that can repeat it.
 */
export function calendarEntry(event: BotEvent, nowMs: number, series = true): CalendarEntry {
  const length = lengthOf(event);
  const starts = startsOf(event).map((s) => new Date(s));
  const remaining = starts.filter((s) => s.getTime() + length > nowMs);
  const start = remaining[0] ?? starts.at(-1)!;
  const url = event.url && event.url.length <= 100 ? event.url : undefined;
  return {
    name: event.title,
    description: event.details,
    location: url ?? 'See the announcement post',
    start,
    end: new Date(start.getTime() + length),
    ...(series && event.repeat && remaining.length >= 2 ? { series: { starts: remaining, repeat: event.repeat } } : {}),
  };
}

export class NativeCalendars {
  constructor(private readonly deps: { outlets: Outlets; clock: Clock; log: Logger }) {}

  /** Makes each target platform's entry; a refusal becomes a note for leadership. */
  async create(event: BotEvent): Promise<{ native: BotEvent['native']; recurring: Platform[]; notes: string[] }> {
    const native: BotEvent['native'] = {};
    const recurring: Platform[] = [];
    const notes: string[] = [];
    for (const platform of event.targets) {
      const outlet = this.deps.outlets.get(platform);
      const channel = event.channels[platform] ?? outlet?.announceChannel;
      if (!outlet?.calendar || !channel) continue;
      try {
        const made = await outlet.calendar.create(channel, calendarEntry(event, this.now()));
        if ('refused' in made) notes.push(made.refused);
        else {
          native[platform] = made.id;
          if (made.recurring) recurring.push(platform);
        }
      } catch (err) {
        this.deps.log.warn({ err, platform }, 'could not create the platform event');
        notes.push(`The ${platform} event entry could not be made (${(err as Error).message?.slice(0, 80) ?? 'error'}); the post and reminders are unaffected.`);
      }
    }
    return { native, recurring, notes };
  }

  /** Brings the entries in step after an edit. */
  async update(event: BotEvent): Promise<void> {
    for (const [platform, id] of this.entries(event)) {
      await this.deps.outlets
        .get(platform)
        ?.calendar?.update(id, calendarEntry(event, this.now(), this.recurs(event, platform)))
        .catch((err: unknown) => this.deps.log.warn({ err, platform, event: event.id }, 'could not update the platform event'));
    }
  }

  async cancel(event: BotEvent): Promise<void> {
    for (const [platform, id] of this.entries(event)) {
      await this.deps.outlets
        .get(platform)
        ?.calendar?.cancel(id)
        .catch((err: unknown) => this.deps.log.warn({ err, platform, event: event.id }, 'could not cancel the platform event'));
    }
  }

  /**
   * After an occurrence ended: a one-occurrence entry moves on to the next occurrence (made again if the platform
   * no longer has it); a recurring entry is removed once the last one is over. Idempotent: it looks at the clock,
   * not at which occurrence ended. Returns the entry ids when one was made again (to be stored), else undefined.
   */
  async sync(event: BotEvent): Promise<BotEvent['native'] | undefined> {
    const now = this.now();
    const length = lengthOf(event);
    const next = startsOf(event).find((s) => new Date(s).getTime() + length > now);
    let changed: BotEvent['native'] | undefined;
    for (const [platform, id] of this.entries(event)) {
      const calendar = this.deps.outlets.get(platform)?.calendar;
      if (!calendar) continue;
      try {
        if (this.recurs(event, platform)) {
          if (!next) await calendar.remove(id);
        } else if (next) {
          if ((await calendar.update(id, calendarEntry(event, now, false))) !== 'gone') continue;
          // Deleted, or ended by hand in the platform: the next occurrence gets a new entry.
          const channel = event.channels[platform] ?? this.deps.outlets.get(platform)?.announceChannel;
          const made = channel ? await calendar.create(channel, calendarEntry(event, now, false)) : undefined;
          if (made && 'id' in made) changed = { ...(changed ?? event.native), [platform]: made.id };
        }
      } catch (err) {
        this.deps.log.warn({ err, platform, event: event.id }, 'could not move the platform event on');
        throw err;
      }
    }
    return changed;
  }

  /** Members who marked the Discord event "interested" (undefined where there is none or it cannot be read). */
  async interested(event: BotEvent): Promise<number | undefined> {
    const id = event.native?.discord;
    const calendar = this.deps.outlets.get('discord')?.calendar;
    if (!id || !calendar) return undefined;
    return calendar.interested(id).catch((err: unknown) => {
      this.deps.log.warn({ err, event: event.id }, 'could not read the Discord event interest');
      return undefined;
    });
  }

  private recurs(event: BotEvent, platform: Platform): boolean {
    return (event.nativeRecurring ?? []).includes(platform);
  }

  private entries(event: BotEvent): [Platform, string][] {
    return Object.entries(event.native ?? {}) as [Platform, string][];
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
