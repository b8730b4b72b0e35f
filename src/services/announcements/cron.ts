// Recurring schedules in Vixie cron / POSIX crontab syntax, read and walked here in the bot's zone (luxon), so
// that occurrences can be computed for any instant (an injected clock, a restart after downtime):
//   - five fields: minute hour day-of-month month day-of-week; lists (kept sorted), ranges, steps (`*/15`,
//     `8-18/2`), month and weekday names (JAN, MON), 0 or 7 for Sunday, and the @yearly … @hourly shorthands;
//   - day-of-month and day-of-week: when both are restricted (neither starts with `*`) a day matching EITHER runs,
//     as crontab(5) says; when one starts with `*` both must match;
//   - daylight saving, the bot's policy (Vixie cron's for fixed times, and never twice):
//       a fixed time (no `*` leading the minute or hour field) that does not exist on the spring-forward day runs
//       once, at the end of the gap (02:30 → 03:00 CDT); an every-hour schedule (`*` in minute or hour) skips the
//       hour that does not exist;
//       a time that happens twice on the fall-back day runs once, at its first occurrence (01:30 CDT).
// An occurrence is identified by its UTC instant, so times that meet at the end of a gap are one occurrence.
import { DateTime } from 'luxon';
import { UserError } from '../../core/errors.js';

export interface CronFields {
  minute: number[];
  hour: number[];
  dayOfMonth: number[];
  month: number[];
  /** 0 = Sunday … 6 = Saturday (7 is read as 0). */
  dayOfWeek: number[];
  /** The day-of-month / day-of-week field starts with `*` (then both must match; otherwise either). */
  domStar: boolean;
  dowStar: boolean;
  /** The minute or hour field starts with `*`: an interval schedule (skips the spring-forward gap). */
  interval: boolean;
}

export const CRON_HELP =
  'Use five fields: minute hour day-of-month month day-of-week, e.g. "0 9 * * 1" (Mondays 9:00) or "30 17 1 * *" (the 1st, 5:30 PM). Lists, ranges, steps and names work as in crontab: "0 8,12 * * MON-FRI", "*/30 9-17 * * *".';
export const CRON_DST_NOTE =
  'Daylight saving: a time skipped in spring (2:30 AM) runs once at 3:00 AM; a time that happens twice in fall runs once, the first time.';
const HELP = CRON_HELP;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
interface FieldSpec { name: string; min: number; max: number; names?: string[]; base?: number }
const SPECS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, base: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, base: 0 },
];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

function invalid(expr: string, why: string): UserError {
  return new UserError('cron.invalid', `"${expr.slice(0, 60)}" is not a valid schedule (${why}). ${HELP}`);
}

/** One field (e.g. "8,12,7", "MON-FRI", "*\/15", "1-31/2") → the sorted values it names. */
function parseField(expr: string, text: string, spec: FieldSpec): number[] {
  const value = (s: string): number => {
    const names = spec.names;
    const byName = names?.indexOf(s.toLowerCase()) ?? -1;
    if (names && byName >= 0) return byName + (spec.base ?? 0);
    if (!/^\d+$/.test(s)) throw invalid(expr, `"${s}" is not a number${names ? ' or a name' : ''} in the ${spec.name} field`);
    const n = Number(s);
    if (n < spec.min || n > spec.max) throw invalid(expr, `${n} is outside ${spec.min}-${spec.max} in the ${spec.name} field`);
    return n;
  };
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(item);
    if (!m) throw invalid(expr, `"${item || text}" is not a value, range or step in the ${spec.name} field`);
    const [, range, stepText] = m;
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [spec.min, spec.max];
    else if (range!.includes('-')) {
      const [a, b, extra] = range!.split('-');
      if (extra !== undefined || !a || !b) throw invalid(expr, `"${range}" is not a range in the ${spec.name} field`);
      [lo, hi] = [value(a), value(b)];
      if (lo > hi) throw invalid(expr, `the range ${range} runs backwards in the ${spec.name} field`);
    } else {
      if (stepText !== undefined) throw invalid(expr, `a step needs a range or *, e.g. "*/${stepText}", in the ${spec.name} field`);
      [lo, hi] = [value(range!), value(range!)];
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw invalid(expr, `a step of 0 in the ${spec.name} field`);
    for (let v = lo; v <= hi; v += step) out.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return [...out].sort((a, b) => a - b);
}

/** Reads a crontab schedule for announcements; throws a UserError that says what is wrong and how to write it. */
export function parseCron(expression: string): CronFields {
  const expr = expression.trim().replace(/\s+/g, ' ');
  const text = expr.startsWith('@') ? MACROS[expr.toLowerCase()] : expr;
  if (!text) throw invalid(expr, `${expr.split(' ')[0]} is not one of ${Object.keys(MACROS).join(', ')}`);
  const parts = text.split(' ');
  if (parts.length === 6) throw new UserError('cron.seconds', `Announcements repeat at most once a minute, so a seconds field is not used. ${HELP}`);
  if (parts.length !== 5) throw invalid(expr, `it has ${parts.length} field${parts.length === 1 ? '' : 's'}, not 5`);
  if (/[LW#?]/i.test(parts[2]! + parts[4]!.replace(/wed/i, ''))) {
    throw new UserError('cron.unsupported', `"L", "W", "#" and "?" rules are not supported here. ${HELP}`);
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parts.map((p, i) => parseField(expr, p, SPECS[i]!)) as [number[], number[], number[], number[], number[]];
  if (minute.length > 4 && hour.length === 24) {
    throw new UserError('cron.too-often', `"${expr}" would post more than 4 times an hour. Announcements that often would flood the channel.`);
  }
  return {
    minute, hour, dayOfMonth, month, dayOfWeek,
    domStar: parts[2]!.startsWith('*'),
    dowStar: parts[4]!.startsWith('*'),
    interval: parts[0]!.startsWith('*') || parts[1]!.startsWith('*'),
  };
}

/** Whether a calendar day (written as a UTC date) matches the day fields. */
function dayMatches(f: CronFields, day: Date): boolean {
  if (!f.month.includes(day.getUTCMonth() + 1)) return false;
  const dom = f.dayOfMonth.includes(day.getUTCDate());
  const dow = f.dayOfWeek.includes(day.getUTCDay());
  return f.domStar || f.dowStar ? dom && dow : dom || dow;
}

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

/**
 * The instant of a wall time in `zone` under the DST policy, or undefined when it is skipped.
 * `wallMs` is the wall time written as if it were UTC; `before`/`after` are the zone's offsets around that day.
 */
function placeWall(wallMs: number, before: number, after: number, zone: string, interval: boolean): number | undefined {
  if (before === after) return wallMs - before * 60_000;
  const fits = [before, after].filter((o) => offsetAt(wallMs - o * 60_000, zone) === o).map((o) => wallMs - o * 60_000);
  if (fits.length) return Math.min(...fits); // an ordinary time, or a repeated one: its first occurrence
  if (interval) return undefined; // the hour that does not exist
  // Inside the gap: the end of the gap, i.e. the first minute with the new offset.
  let lo = wallMs - after * 60_000;
  let hi = wallMs - before * 60_000;
  if (lo > hi) [lo, hi] = [hi, lo];
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, zone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The first occurrence strictly after `after`, or undefined if none within 5 years. */
export function nextOccurrence(fields: CronFields, after: Date, zone: string): Date | undefined {
  const afterMs = after.getTime();
  // Occurrences in wall-clock order have non-decreasing instants under the policy, so the first one past
  // `after`, walking from the day before (a repeated hour can place a wall time earlier than expected), is next.
  const local = DateTime.fromJSDate(after, { zone });
  const firstDay = Date.UTC(local.year, local.month - 1, local.day) - 86_400_000;
  for (let i = 0; i < 366 * 5 + 2; i++) {
    // Calendar days are walked as UTC dates (cheap); the zone is consulted only on days that match.
    const midnight = firstDay + i * 86_400_000;
    if (!dayMatches(fields, new Date(midnight))) continue;
    const before = offsetAt(midnight - 2 * 86_400_000, zone);
    const afterOff = offsetAt(midnight + 2 * 86_400_000, zone);
    const sameDay = before === afterOff;
    for (const hour of fields.hour) {
      for (const minute of fields.minute) {
        const wall = midnight + (hour * 60 + minute) * 60_000;
        const at = sameDay ? wall - before * 60_000 : placeWall(wall, before, afterOff, zone, fields.interval);
        if (at !== undefined && at > afterMs) return new Date(at);
      }
    }
  }
  return undefined;
}

/** The next `n` occurrences after `after`. */
export function nextOccurrences(fields: CronFields, after: Date, zone: string, n: number): Date[] {
  const out: Date[] = [];
  let from = after;
  while (out.length < n) {
    const next = nextOccurrence(fields, from, zone);
    if (!next) break;
    out.push(next);
    from = next;
  }
  return out;
}

/** Occurrences in (from, to], newest last, at most `limit` (the newest ones). */
export function occurrencesBetween(fields: CronFields, from: Date, to: Date, zone: string, limit = 500): Date[] {
  const out: Date[] = [];
  let at = nextOccurrence(fields, from, zone);
  while (at && at.getTime() <= to.getTime()) {
    out.push(at);
    if (out.length > limit) out.shift();
    at = nextOccurrence(fields, at, zone);
  }
  return out;
}

/** Parses a schedule's expression and refuses one that never comes round ("0 9 31 2 *": there is no February 31). */
export function parseRunnableCron(expression: string, now: Date, zone: string): CronFields {
  const fields = parseCron(expression);
  if (!nextOccurrences(fields, now, zone, 1).length) {
    throw new UserError('cron.never', `"${expression.trim()}" never comes round (a date that does not exist, such as February 31), so nothing would ever be posted. ${HELP}`);
  }
  return fields;
}
