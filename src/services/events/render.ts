// How an event, its reminders and the event list look, as neutral messages.
import type { Message } from '../../core/message.js';
import { formatWhen } from '../announcements/when.js';
import { eventIcs, icsFilename } from './ics.js';
import type { BotEvent } from './model.js';

export function eventMessage(event: BotEvent, going: number, now: Date): Message {
  const when = formatWhen(new Date(event.at), event.tz);
  const lines = [`**When:** ${when}`];
  if (event.url) lines.push(`**Where:** [${event.url}](${event.url})`);
  if (event.details) lines.push('', event.details);
  if (event.cancelled) {
    return { title: `Cancelled: ${event.title}`, text: `${lines.join('\n')}\n\nThis event has been cancelled.`, tone: 'danger', footer: `Event ${event.id}` };
  }
  return {
    title: event.title,
    text: lines.join('\n'),
    fields: [{ name: 'Going', value: going === 1 ? '1 member' : `${going} members`, inline: true }],
    buttons: [{ label: "I'll attend", action: { command: 'event', action: 'rsvp', value: event.id }, style: 'primary' }],
    attachments: [{ filename: icsFilename(event), contentType: 'text/calendar', content: eventIcs(event, now) }],
    footer: `Event ${event.id} · press again to take your RSVP back · times in Illinois time`,
    tone: 'info',
  };
}

export function reminderMessage(event: BotEvent, offsetMs: number | undefined): Message {
  const when = formatWhen(new Date(event.at), event.tz);
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
