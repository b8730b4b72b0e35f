// Schedules read as crontab(5) / Vixie cron reads them, checked against an independent implementation: croner
// (OR mode for day-of-month / day-of-week, Vixie's fixed-time rule) over a few hundred random expressions around
// each DST change in America/Chicago. Deterministic: a seeded generator, no wall clock.
import { Cron } from 'croner';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextOccurrences, parseCron } from '../../src/services/announcements/cron.js';

const zone = 'America/Chicago';
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const ours = (expr: string, from: string, n: number) => iso(nextOccurrences(parseCron(expr), new Date(from), zone, n));

describe('crontab semantics', () => {
  it('an unsorted hour list runs at every hour it names (07:00 included)', () => {
    expect(ours('0 8,12,7 * * *', '2026-06-01T05:00:00Z', 4)).toEqual(['2026-06-01T12:00:00.000Z', '2026-06-01T13:00:00.000Z', '2026-06-01T17:00:00.000Z', '2026-06-02T12:00:00.000Z']);
  });

  it('day-of-month and day-of-week both set: either day runs (the 1st, and every Monday)', () => {
    // June 2026: Mon 1, Mon 8, Mon 15; July 1 is a Wednesday.
    expect(ours('0 9 1 * 1', '2026-05-31T00:00:00Z', 3)).toEqual(['2026-06-01T14:00:00.000Z', '2026-06-08T14:00:00.000Z', '2026-06-15T14:00:00.000Z']);
    expect(ours('0 9 1 * 1', '2026-06-29T15:00:00Z', 2)).toEqual(['2026-07-01T14:00:00.000Z', '2026-07-06T14:00:00.000Z']);
    // One of them starting with * : both must match (Vixie's rule).
    expect(ours('0 9 */2 * 1', '2026-06-01T15:00:00Z', 2)).toEqual(['2026-06-15T14:00:00.000Z', '2026-06-29T14:00:00.000Z']);
  });

  it('names, 7 for Sunday, steps over ranges and the @ shorthands', () => {
    expect(ours('0 10 * JAN-mar sun', '2026-01-01T00:00:00Z', 1)).toEqual(ours('0 10 * 1-3 7', '2026-01-01T00:00:00Z', 1));
    expect(ours('0 9-17/4 * * *', '2026-06-01T05:00:00Z', 3)).toEqual(['2026-06-01T14:00:00.000Z', '2026-06-01T18:00:00.000Z', '2026-06-01T22:00:00.000Z']);
    expect(ours('@weekly', '2026-06-01T05:00:00Z', 1)).toEqual(['2026-06-07T05:00:00.000Z']);
  });

  it('says what is wrong with a bad schedule', () => {
    const why = (e: string) => { try { parseCron(e); return 'accepted'; } catch (err) { return (err as Error).message; } };
    expect(why('0 9 * * 1-8')).toContain('8 is outside 0-7 in the day-of-week field');
    expect(why('0 17-9 * * *')).toContain('the range 17-9 runs backwards in the hour field');
    expect(why('5/10 * * * *')).toContain('a step needs a range or *, e.g. "*/10", in the minute field');
    expect(why('0 9 * *')).toContain('it has 4 fields, not 5');
    expect(why('0 9 L * *')).toContain('are not supported here');
    expect(why('@reboot')).toContain('@reboot is not one of @yearly');
  });
});

/** mulberry32: a small seeded generator, so the random expressions are the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomExpression(r: () => number): string {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const list = (lo: number, hi: number, k: number) => Array.from({ length: k }, () => int(lo, hi)).join(',');
  const range = (lo: number, hi: number) => { const a = int(lo, hi); return `${a}-${int(a, hi)}`; };
  // Steps in minute and hour only after `*` (croner counts "0-30/15" as an interval job, Vixie as a fixed time).
  const minute = pick([() => String(int(0, 59)), () => list(0, 59, int(2, 3)), () => `${pick([0, 15, 30, 45])}`, () => `*/${pick([15, 20, 30])}`, () => range(0, 59)])();
  const hourly = minute.startsWith('*') || minute.includes('-') || minute.split(',').length > 1;
  const hour = pick([() => String(int(0, 4)), () => list(0, 4, int(2, 3)), () => range(0, 5), () => String(int(0, 23)), ...(hourly ? [] : [() => '*', () => `*/${int(2, 6)}`])])();
  const dowField = pick(['*', '*', String(int(0, 7)), range(0, 6), pick(['SUN', 'sat-sun', 'MON-FRI', '0,6'])]);
  const domChoices = [() => '*', () => '*', () => String(int(1, 31)), () => list(1, 12, 2), () => range(1, 15)];
  if (dowField === '*') domChoices.push(() => `*/${int(2, 5)}`); // croner reads "*/2" as restricted; Vixie as "*"
  const dom = pick(domChoices)();
  const month = pick(['*', '*', '3', '11', '3,11', 'MAR', 'nov', '2-4', '10-12', '*/2']);
  return `${minute} ${hour} ${dom} ${month} ${dowField}`;
}

/** croner's runs under the bot's policy: an interval job runs once per wall time (croner runs it on both passes). */
function theirs(expr: string, from: string, n: number, interval: boolean): string[] {
  const job = new Cron(expr, { timezone: zone, paused: true, domAndDow: false, fixedTimeRule: 'no-wildcard' } as ConstructorParameters<typeof Cron>[1]);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of job.nextRuns(n * 2 + 8, new Date(from))) {
    const wall = DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
    if (interval && seen.has(wall)) continue;
    seen.add(wall);
    out.push(d.toISOString());
  }
  job.stop();
  return out.slice(0, n);
}

describe('differential test against croner around each DST change (America/Chicago)', () => {
  const changes = ['2026-03-08T08:00:00Z', '2026-11-01T07:00:00Z', '2027-03-14T08:00:00Z', '2027-11-07T07:00:00Z'];
  const r = rng(18);
  const expressions: string[] = [];
  while (expressions.length < 300) {
    const e = randomExpression(r);
    try { parseCron(e); expressions.push(e); } catch { /* too often: not an announcement schedule */ }
  }

  it('300 random expressions, 8 runs from 2 days before each change, agree with croner', { timeout: 120_000 }, () => {
    let compared = 0;
    const disagree: string[] = [];
    for (const expr of expressions) {
      const interval = parseCron(expr).interval;
      for (const change of changes) {
        const from = new Date(new Date(change).getTime() - 2 * 86_400_000).toISOString();
        const a = ours(expr, from, 8);
        const b = theirs(expr, from, 8, interval);
        compared++;
        if (JSON.stringify(a) !== JSON.stringify(b)) disagree.push(`${expr} from ${from}\n  ours   ${a.join(' ')}\n  croner ${b.join(' ')}`);
      }
    }
    expect(compared).toBe(1200);
    expect(disagree.slice(0, 5)).toEqual([]);
  });

  it('the random expressions reach the DST hours (the test is not vacuous)', { timeout: 60_000 }, () => {
    const inGap = expressions.filter((e) => ours(e, '2026-03-07T08:00:00Z', 8).some((d) => d === '2026-03-08T08:00:00.000Z')).length;
    const inRepeat = expressions.filter((e) => ours(e, '2026-10-31T07:00:00Z', 8).some((d) => d >= '2026-11-01T06:00:00.000Z' && d < '2026-11-01T07:00:00.000Z')).length;
    expect(inGap).toBeGreaterThan(10);
    expect(inRepeat).toBeGreaterThan(10);
  });
});
