// Calendar files (RFC 5545) so members can add events to Outlook, Google or Apple calendars: one event's file
// (METHOD:PUBLISH with the ORGANIZER RFC 5546 asks for, or METHOD:CANCEL with STATUS:CANCELLED, the same UID and a
// higher SEQUENCE once cancelled), and the alliance's subscribable feed of every upcoming event.
// Times are written in UTC, so no VTIMEZONE is needed; each occurrence of a recurring event is its own VEVENT.
import { type BotEvent, lengthOf, startsOf } from './model.js';

export const DEFAULT_ORGANIZER = 'leadership@niapp.invalid';

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** TEXT values: backslash, semicolon, comma escaped; every line break (CRLF, bare LF, bare CR) written as \n. */
export const escapeText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

/** Folds a content line at 75 octets, never inside a UTF-8 sequence (a code point is never split). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    // The first line holds 75 octets; continuation lines start with a space, so they hold 74 more.
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** URI values (URL, LOCATION of a link): only http(s) links reach the file (the command refuses others). */
/** An http(s) link as a valid URI (WHATWG serialisation: "<", ">", spaces and the like percent-encoded), else none. */
function safeUri(u: string | undefined): string | undefined {
  if (!u || !/^https?:\/\//i.test(u)) return undefined;
  try {
    return new URL(u).href;
  } catch {
    return undefined;
  }
}

function vevents(event: BotEvent, now: Date, cancelled: boolean): string[] {
  const length = lengthOf(event);
  const starts = startsOf(event);
  const url = safeUri(event.url);
  return starts.flatMap((at, i) => [
    'BEGIN:VEVENT',
    `UID:${starts.length > 1 ? `${event.id}-${i + 1}` : event.id}@niapp-bot`,
    `DTSTAMP:${stamp(now)}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `ORGANIZER;CN=NIAPP leadership:mailto:${event.organizer ?? DEFAULT_ORGANIZER}`,
    `DTSTART:${stamp(new Date(at))}`,
    `DTEND:${stamp(new Date(new Date(at).getTime() + length))}`,
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.details ? [`DESCRIPTION:${escapeText(event.details)}`] : []),
    ...(url ? [`URL:${url}`, `LOCATION:${escapeText(url)}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ]);
}

function calendar(method: 'PUBLISH' | 'CANCEL', body: string[], name?: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//NIAPP//niapp-bot//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    ...(name ? [`X-WR-CALNAME:${escapeText(name)}`] : []),
    ...body,
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** One event's file: PUBLISH while it is on; CANCEL (same UID, its raised SEQUENCE) once cancelled. */
export function eventIcs(event: BotEvent, now: Date): string {
  return calendar(event.cancelled ? 'CANCEL' : 'PUBLISH', vevents(event, now, event.cancelled));
}

/** The subscribable feed: every upcoming event (cancelled ones stay, marked CANCELLED, so calendars drop them). */
export function calendarFeedIcs(events: BotEvent[], now: Date, name = 'NIAPP events'): string {
  return calendar('PUBLISH', events.flatMap((e) => vevents(e, now, e.cancelled)), name);
}

/** The title as a file name, with the event's id: two events of the same title never share a file. */
export const icsFilename = (event: BotEvent): string =>
  `${event.cancelled ? 'cancelled-' : ''}${event.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '') || 'event'}-${event.id}.ics`;
