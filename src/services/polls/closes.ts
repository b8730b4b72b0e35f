// `--closes`: "friday 5pm", "3d", "2026-12-01 17:00" — read as wall-clock time in the bot's zone (Chicago).
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { parseDuration } from '../../config.js';
import { UserError } from '../../core/errors.js';

const MAX_AHEAD_DAYS = 366;
const HOW = 'Say it like `--closes 3d`, `--closes "friday 5pm"` or `--closes "2026-12-01 17:00"` (Chicago time).';

export function parseCloses(text: string, now: Date, zone: string): Date {
  const s = text.trim();
  const ms = parseDuration(s);
  let at: DateTime | undefined;
  if (ms !== undefined) at = DateTime.fromJSDate(now).plus({ milliseconds: ms });
  else {
    const iso = DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone });
    if (iso.isValid) at = iso;
    else at = fromWords(s, now, zone);
  }
  if (!at?.isValid) throw new UserError('poll.bad-closes', `I could not read "${s.slice(0, 40)}" as a closing time. ${HOW}`);
  const when = at.toJSDate();
  if (when.getTime() <= now.getTime()) {
    throw new UserError('poll.closes-past', `That closing time (${at.setZone(zone).toFormat('ccc LLL d, h:mm a ZZZZ')}) is in the past. ${HOW}`);
  }
  if (when.getTime() - now.getTime() > MAX_AHEAD_DAYS * 86_400_000) {
    throw new UserError('poll.closes-far', `A poll can stay open at most ${MAX_AHEAD_DAYS} days. ${HOW}`);
  }
  return when;
}

/**
 * chrono reads words against the process's local clock. It is given "now" as Chicago wall time in local
 * fields, and the date-time parts it finds are then placed in Chicago by luxon (so DST is right).
 */
function fromWords(text: string, now: Date, zone: string): DateTime | undefined {
  const wall = DateTime.fromJSDate(now).setZone(zone);
  const ref = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const [result] = chrono.parse(text, ref, { forwardDate: true });
  if (!result || result.text.trim().length < text.replace(/^(on|at|by)\s+/i, '').trim().length * 0.6) return undefined;
  const c = result.start;
  const hasTime = c.isCertain('hour');
  return DateTime.fromObject(
    {
      year: c.get('year')!,
      month: c.get('month')!,
      day: c.get('day')!,
      hour: hasTime ? c.get('hour')! : 17,
      minute: hasTime ? (c.get('minute') ?? 0) : 0,
    },
    { zone },
  );
}
