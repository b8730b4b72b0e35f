// A calendar file (RFC 5545) for one event, so members can add it to Outlook, Google or Apple calendars.
import type { BotEvent } from './model.js';

const DEFAULT_LENGTH_MS = 60 * 60_000;

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** Escapes text values and folds lines longer than 75 octets, as the format requires. */
const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

export function eventIcs(event: BotEvent, now: Date): string {
  const start = new Date(event.at);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//NIAPP//niapp-bot//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.id}@niapp-bot`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(new Date(start.getTime() + DEFAULT_LENGTH_MS))}`,
    `SUMMARY:${escape(event.title)}`,
    ...(event.details ? [`DESCRIPTION:${escape(event.details)}`] : []),
    ...(event.url ? [`URL:${event.url}`, `LOCATION:${escape(event.url)}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

export const icsFilename = (event: BotEvent): string => `${event.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'event'}.ics`;
