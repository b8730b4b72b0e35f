// A recurring event as a Discord recurrence rule, where Discord's rules can say it exactly. Discord keeps the rule
// in UTC (a rule has no time zone) and lets an application set only: weekly on one weekday, every week or every
// other week; monthly on the n-th weekday (one of them); yearly on one date — and never `count` or `end`
// (discord-api-docs, "System limitations"). So the rule is built from the first start in UTC, its occurrences are
// generated again here, and it is used only when they are exactly the event's starts. An Illinois evening event
// that crosses a DST change (its UTC time moves by an hour) or midnight UTC into another n-th weekday is not.
import { GuildScheduledEventRecurrenceRuleFrequency as Frequency } from 'discord.js';
import type { CalendarEntry } from '../../core/context.js';

type Series = NonNullable<CalendarEntry['series']>;

export interface DiscordRule {
  start: string;
  frequency: Frequency;
  interval: number;
  by_weekday: number[] | null;
  by_n_weekday: { n: number; day: number }[] | null;
  by_month: number[] | null;
  by_month_day: number[] | null;
}

const DAY_MS = 86_400_000;
/** Discord numbers weekdays from Monday (0) to Sunday (6); JavaScript from Sunday (0). */
const discordWeekday = (d: Date): number => (d.getUTCDay() + 6) % 7;

/** The rule that repeats `series` exactly, or undefined when Discord cannot say it. */
export function discordRule(series: Series): DiscordRule | undefined {
  const [first] = series.starts;
  if (!first || series.starts.length < 2) return undefined;
  const base = { start: first.toISOString(), by_month: null, by_month_day: null };
  const rule: DiscordRule =
    series.repeat === 'monthly'
      ? { ...base, frequency: Frequency.Monthly, interval: 1, by_weekday: null, by_n_weekday: [{ n: Math.ceil(first.getUTCDate() / 7), day: discordWeekday(first) }] }
      : { ...base, frequency: Frequency.Weekly, interval: series.repeat === 'biweekly' ? 2 : 1, by_weekday: [discordWeekday(first)], by_n_weekday: null };
  // A fifth weekday is not in every month; what Discord does then is not documented, so it is not used.
  if (rule.by_n_weekday && rule.by_n_weekday[0]!.n > 4) return undefined;
  const expected = occurrences(rule, series.starts.length);
  return expected.every((at, i) => at === series.starts[i]!.getTime()) ? rule : undefined;
}

/** The first `count` starts of a rule, in UTC, as epoch ms. */
export function occurrences(rule: DiscordRule, count: number): number[] {
  const start = new Date(rule.start);
  const out: number[] = [];
  if (rule.frequency === Frequency.Weekly) {
    for (let i = 0; i < count; i++) out.push(start.getTime() + i * 7 * rule.interval * DAY_MS);
    return out;
  }
  const { n, day } = rule.by_n_weekday![0]!;
  const timeOfDay = start.getTime() % DAY_MS;
  for (let i = 0; i < count; i++) {
    const month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1);
    const firstSame = month + ((day - discordWeekday(new Date(month)) + 7) % 7) * DAY_MS;
    out.push(firstSame + (n - 1) * 7 * DAY_MS + timeOfDay);
  }
  return out;
}
