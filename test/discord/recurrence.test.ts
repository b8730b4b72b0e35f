// Which recurring events a Discord recurrence rule can say exactly (in UTC, as Discord keeps it).
import { describe, expect, it } from 'vitest';
import { discordRule, occurrences } from '../../src/adapters/discord/recurrence.js';
import { repeatStarts } from '../../src/services/events/service.js';

const series = (at: string, repeat: 'weekly' | 'biweekly' | 'monthly', times: number) => ({ repeat, starts: repeatStarts(new Date(at), repeat, times, 'America/Chicago').map((s) => new Date(s)) });

describe('discordRule', () => {
  it('every other week on one weekday: weekly, interval 2', () => {
    const rule = discordRule(series('2026-06-03T17:00:00Z', 'biweekly', 5))!;
    expect(rule).toMatchObject({ frequency: 2, interval: 2, by_weekday: [2], start: '2026-06-03T17:00:00.000Z' });
    expect(occurrences(rule, 5).map((t) => new Date(t).toISOString())).toEqual(series('2026-06-03T17:00:00Z', 'biweekly', 5).starts.map((d) => d.toISOString()));
  });

  it('an Illinois evening is the next UTC day: the weekday follows UTC', () => {
    // Thursday 7 PM CDT = Friday 00:00 UTC, every week in summer.
    expect(discordRule(series('2026-06-05T00:00:00Z', 'weekly', 6))).toMatchObject({ frequency: 2, by_weekday: [4] });
  });

  it('not when the series crosses a DST change (the UTC time moves by an hour)', () => {
    expect(discordRule(series('2026-10-20T17:00:00Z', 'weekly', 4))).toBeUndefined();
  });

  it('not for the last weekday of a month (a fifth weekday), nor when the UTC n-th weekday changes', () => {
    expect(discordRule(series('2026-07-29T17:00:00Z', 'monthly', 3))).toBeUndefined(); // the 5th Wednesday → the last
    // First Tuesday 7 PM CDT = Wednesday 00:00 UTC: the 1st Wednesday in June 2026 (Jun 3) but the 2nd in July (Jul 8).
    expect(discordRule(series('2026-06-03T00:00:00Z', 'monthly', 2))).toBeUndefined();
    // … and in months where it stays the 1st Wednesday, the rule is used (Dec 2, 2026 and Jan 6, 2027).
    expect(discordRule(series('2026-12-02T01:00:00Z', 'monthly', 2))).toMatchObject({ frequency: 1, by_n_weekday: [{ n: 1, day: 2 }] });
  });
});
