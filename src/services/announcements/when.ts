// Reading and writing times as leadership types them, in the bot's zone (BOT_TIMEZONE, America/Chicago):
// "2026-12-01 09:00", "tomorrow 9am", "next tuesday 14:00", "in 2 hours". A time in the past is refused.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { UserError } from '../../core/errors.js';
import { parseDuration } from '../../config.js';

const EXAMPLES = '"2026-12-01 09:00", "tomorrow 9am", "next tuesday 14:00" or "in 2 hours"';

/** Parses `text` as a future instant, read in `zone` relative to `now`. Throws a UserError saying how to write it. */
export function parseWhen(text: string, now: Date, zone: string): Date {
  const t = text.trim();
  if (!t) throw new UserError('when.empty', `Say when, e.g. ${EXAMPLES}.`);
  for (const [clock, h, m] of t.matchAll(/\b(\d{1,2}):(\d{2})\b/g)) {
    if (Number(h) > 23 || Number(m) > 59) {
      throw new UserError('when.bad-clock', `${clock} is not a time of day: hours go from 0 to 23 and minutes from 0 to 59. Write it like ${EXAMPLES}.`);
    }
  }
  const at = relative(t, now) ?? absolute(t, now, zone);
  if (!at) throw new UserError('when.unreadable', `I could not read "${t.slice(0, 60)}" as a time. Write it like ${EXAMPLES} (Illinois time).`);
  if (at.getTime() <= now.getTime()) {
    throw new UserError('when.past', `${formatWhen(at, zone)} is in the past (it is now ${formatWhen(now, zone)}). Choose a time in the future.`);
  }
  return at;
}

/** "in 2 hours", "in 90 minutes", "in 30s": exact durations from now, unaffected by the zone. */
function relative(text: string, now: Date): Date | undefined {
  const m = /^in\s+(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)$/i.exec(text);
  if (!m) return undefined;
  const ms = parseDuration(`${m[1]}${m[2]!.toLowerCase().startsWith('mi') ? 'm' : m[2]!.charAt(0).toLowerCase()}`);
  return ms === undefined ? undefined : new Date(now.getTime() + ms);
}

/** Calendar forms: chrono reads the words against the wall clock of `zone`; luxon places the result in that zone. */
function absolute(text: string, now: Date, zone: string): Date | undefined {
  const wall = DateTime.fromJSDate(now, { zone });
  // chrono works in the process's local time: give it a reference whose local fields are the zone's wall clock.
  const ref = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const [result] = chrono.parse(text, ref, { forwardDate: true });
  if (!result || result.text.trim().length < text.trim().length * 0.6) return undefined;
  const s = result.start;
  if (!s.isCertain('hour')) {
    throw new UserError('when.no-time', `"${text.slice(0, 60)}" names a day but not a time. Add one, in quotes with the day: "${text.slice(0, 40)} 9am".`);
  }
  const local = wallTime({ year: s.get('year')!, month: s.get('month')!, day: s.get('day')!, hour: s.get('hour')!, minute: s.get('minute') ?? 0 }, zone);
  return local?.toJSDate();
}

/**
 * A wall-clock time in `zone`: a time that happens twice (the fall-back hour) is its FIRST occurrence, as
 * RFC 5545 (3.3.5) reads it; a time inside the spring-forward gap moves forward by the gap (02:30 → 03:30 CDT).
 */
export function wallTime(fields: { year: number; month: number; day: number; hour: number; minute: number }, zone: string): DateTime | undefined {
  const local = DateTime.fromObject(fields, { zone });
  if (!local.isValid) return undefined;
  const dayBefore = DateTime.fromMillis(local.toMillis() - 86_400_000, { zone }).offset;
  if (dayBefore > local.offset) {
    const earlier = DateTime.fromMillis(local.toMillis() - (dayBefore - local.offset) * 60_000, { zone });
    if (earlier.hour === fields.hour && earlier.minute === fields.minute && earlier.day === fields.day) return earlier;
  }
  return local;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const OPTIONS: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZoneName: 'short' };

/**
 * "Tue, Dec 1, 2026, 9:00 AM CST": how the bot shows an instant to members. One Intl formatter per zone, kept:
 * making one costs a tenth of a millisecond, and a dashboard page shows a hundred instants.
 */
export function formatWhen(at: Date, zone: string): string {
  // The same instants come back on every page view (next runs, deadlines): remember the last few thousand.
  const key = `${zone} ${at.getTime()}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  if (formatted.size >= 5000) formatted.clear();
  const text = format(at, zone);
  formatted.set(key, text);
  return text;
}

const formatted = new Map<string, string>();

function format(at: Date, zone: string): string {
  let f = formatters.get(zone);
  if (!f) formatters.set(zone, (f = new Intl.DateTimeFormat('en-US', { ...OPTIONS, timeZone: zone })));
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value])) as Record<Intl.DateTimeFormatPartTypes, string>;
  return `${p.weekday}, ${p.month} ${p.day}, ${p.year}, ${p.hour}:${p.minute} ${p.dayPeriod} ${p.timeZoneName}`;
}
