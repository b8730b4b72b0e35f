// Recurring schedules: node-cron's own validator and parser read the expression; the occurrences are
// walked here in the bot's zone with luxon, so that they can be computed for any instant (an injected clock,
// a restart after downtime) and so that daylight saving neither skips nor doubles a post:
//   - spring forward (2:00 → 3:00): a wall time that does not exist that day fires at the shifted instant
//     (02:30 → 03:30 CDT) — node-cron 4.6's walker skips it, which is why the walk is done here;
//   - fall back (the 1:00 hour repeats): a wall time fires once (at the standard-time instant, luxon's choice).
// An occurrence is identified by its UTC instant, so a time that both schedules name is one occurrence.
import cron from 'node-cron';
import { DateTime } from 'luxon';
import { UserError } from '../../core/errors.js';

export interface CronFields {
  minute: number[];
  hour: number[];
  dayOfMonth: number[];
  month: number[];
  dayOfWeek: number[];
}

const HELP = 'Use five fields: minute hour day-of-month month day-of-week, e.g. "0 9 * * 1" (Mondays 9:00) or "30 17 1 * *" (the 1st, 5:30 PM).';

/** Validates a node-cron expression for announcements; throws a UserError that says what is wrong. */
export function parseCron(expression: string): CronFields {
  const expr = expression.trim().replace(/\s+/g, ' ');
  const v = cron.validateDetailed(expr);
  if (!v.valid) {
    const why = v.errors.map((e) => e.message).join('; ');
    throw new UserError('cron.invalid', `"${expr.slice(0, 60)}" is not a valid schedule (${why}). ${HELP}`);
  }
  if (!expr.startsWith('@') && expr.split(' ').length !== 5) {
    throw new UserError('cron.seconds', `Announcements repeat at most once a minute, so a seconds field is not used. ${HELP}`);
  }
  const f = cron.parse(expr);
  const numeric = (xs: (number | string)[], what: string) => {
    if (xs.some((x) => typeof x !== 'number')) throw new UserError('cron.unsupported', `"${what}" rules such as L or # are not supported here. ${HELP}`);
    return [...(xs as number[])].sort((a, b) => a - b);
  };
  if (f.minute.length > 4 && f.hour.length === 24) {
    throw new UserError('cron.too-often', `"${expr}" would post more than 4 times an hour. Announcements that often would flood the channel.`);
  }
  return {
    minute: f.minute,
    hour: f.hour,
    dayOfMonth: numeric(f.dayOfMonth, 'day-of-month'),
    month: f.month,
    dayOfWeek: numeric(f.dayOfWeek, 'day-of-week'),
  };
}

/** The first occurrence strictly after `after`, or undefined if none within 5 years. */
export function nextOccurrence(fields: CronFields, after: Date, zone: string): Date | undefined {
  const afterMs = after.getTime();
  const start = DateTime.fromJSDate(after, { zone });
  let day = start.startOf('day');
  for (let i = 0; i < 366 * 5; i++, day = day.plus({ days: 1 })) {
    if (!fields.month.includes(day.month) || !fields.dayOfMonth.includes(day.day) || !fields.dayOfWeek.includes(day.weekday % 7)) continue;
    let best: number | undefined;
    let bestHour = 99;
    for (const hour of fields.hour) {
      if (i === 0 && hour < start.hour - 1) continue;
      // A gap-shifted wall time lands one hour later: look one hour past the first hour that had a candidate.
      if (hour > bestHour + 1) break;
      for (const minute of fields.minute) {
        // luxon moves a wall time inside the spring-forward gap forward by the gap (02:30 → 03:30 CDT), and
        // places a repeated fall-back wall time at one instant (the standard-time one), so it fires once.
        const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone }).toMillis();
        if (at > afterMs && (best === undefined || at < best)) {
          best = at;
          bestHour = Math.min(bestHour, hour);
        }
      }
    }
    if (best !== undefined) return new Date(best);
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
