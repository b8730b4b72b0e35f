// How an event, its reminders and the event list look, as neutral messages.
import { DateTime } from 'luxon';
import type { Message } from '../../core/message.js';
import { formatWhen } from '../announcements/when.js';
import { eventIcs, icsFilename } from './ics.js';
import { type BotEvent, lengthOf, startsOf } from './model.js';

/** "Thu, Dec 3, 2026, 12:00 PM CST – 1:30 PM" (the end's day too when it differs). */
export function formatSpan(event: BotEvent, at = event.at): string {
  const start = new Date(at);
  const end = new Date(start.getTime() + lengthOf(event));
  const a = DateTime.fromJSDate(start, { zone: event.tz });
  const b = DateTime.fromJSDate(end, { zone: event.tz });
  return `${formatWhen(start, event.tz)} – ${a.hasSame(b, 'day') ? b.toFormat('h:mm a') : formatWhen(end, event.tz)}`;
}

const REPEAT_WORDS = { weekly: 'every week', biweekly: 'every two weeks', monthly: 'every month' } as const;

/** "every month, 6 times (until Tue, May 4, 2027)" for a recurring event. */
export function repeatLine(event: BotEvent): string | undefined {
  const starts = startsOf(event);
  if (!event.repeat || starts.length < 2) return undefined;
  const day = DateTime.fromISO(event.at, { zone: event.tz });
  const monthly = event.repeat === 'monthly' ? ` on the ${ordinalWeekday(day)}` : '';
  return `${REPEAT_WORDS[event.repeat]}${monthly}, ${starts.length} times (last ${formatWhen(new Date(starts.at(-1)!), event.tz)})`;
}

export function ordinalWeekday(day: DateTime): string {
  const n = Math.ceil(day.day / 7);
  return `${n >= 5 ? 'last' : ['first', 'second', 'third', 'fourth'][n - 1]} ${day.toFormat('cccc')}`;
}

export function eventMessage(event: BotEvent, going: number, now: Date, interested?: number): Message {
  const lines = [`**When:** ${formatSpan(event)}`];
  const repeat = repeatLine(event);
  if (repeat) lines.push(`**Repeats:** ${repeat}`);
  if (event.url) lines.push(`**Where:** [${event.url}](${event.url})`);
  if (event.details) lines.push('', event.details);
  if (event.cancelled) {
    return {
      title: `Cancelled: ${event.title}`,
      text: `${lines.join('\n')}\n\nThis event has been cancelled. Open the calendar file to remove it from your calendar.`,
      attachments: [{ filename: icsFilename(event), contentType: 'text/calendar', content: eventIcs(event, now) }],
      tone: 'danger',
      footer: `Event ${event.id}`,
    };
  }
  const fields = [{ name: 'Going', value: going === 1 ? '1 member' : `${going} members`, inline: true }];
  if (interested !== undefined) fields.push({ name: 'Interested on Discord', value: String(interested), inline: true });
  return {
    title: event.title,
    text: lines.join('\n'),
    fields,
    buttons: [{ label: "I'll attend", action: { command: 'event', action: 'rsvp', value: event.id }, style: 'primary' }],
    attachments: [{ filename: icsFilename(event), contentType: 'text/calendar', content: eventIcs(event, now) }],
    footer: `Event ${event.id} · press again to take your RSVP back · times in Illinois time`,
    tone: 'info',
  };
}

export function reminderMessage(event: BotEvent, offsetMs: number | undefined, occurrence = event.at): Message {
  const when = formatSpan(event, occurrence);
  const lead = offsetMs ? `starts in ${humanOffset(offsetMs)}` : 'is coming up';
  return {
    title: `Reminder: ${event.title}`,
    text: `**${event.title}** ${lead}: ${when}.${event.url ? `\nJoin: [${event.url}](${event.url})` : ''}`,
    footer: `Event ${event.id}`,
    tone: 'info',
  };
}

export function humanOffset(ms: number): string {
  const units: [number, string][] = [[604_800_000, 'week'], [86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute']];
  for (const [size, name] of units) if (ms % size === 0 && ms >= size) return `${ms / size} ${name}${ms / size === 1 ? '' : 's'}`;
  return `${Math.round(ms / 60_000)} minutes`;
}
