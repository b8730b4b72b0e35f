// The report's numbers, separate from any format (Markdown here; a PDF can be rendered from the same model).
// Small-group suppression is complementary: a count under MIN_GROUP is withheld, and so is every other count
// that would let a reader recover it by subtraction from a shown total (an option's total over the platforms,
// a platform's respondents over its options in single-choice polls, the respondents over the platforms).
import type { Platform } from '../../core/message.js';
import type { Poll } from './model.js';
import { isOpen } from './model.js';
import type { Tally } from './tally.js';

/** Groups smaller than this are not reported (a count of 2 on one platform could point at two people). */
export const MIN_GROUP = 5;
export const PLATFORM_NAMES: Record<Platform, string> = { slack: 'Slack', discord: 'Discord', console: 'Console' };

export interface Eligible {
  /** Member count per platform where the platform lets the bot list them; undefined where it does not. */
  byPlatform: Partial<Record<Platform, number | undefined>>;
}

/** A shown count, or null when withheld. */
export type Cell = number | null;

export interface ReportModel {
  poll: Poll;
  open: boolean;
  eligibleTotal?: number;
  responded: number;
  /** Per option, overall; undefined when fewer than MIN_GROUP responded. */
  results?: { option: string; count: Cell }[];
  /** Per platform; undefined when fewer than MIN_GROUP responded, or while an anonymous poll is open. */
  byPlatform?: { platform: Platform; name: string; eligible?: number; responded: Cell; counts: Cell[] }[];
  /** Comments for the report: redacted, in random order; undefined when fewer than MIN_GROUP members commented. */
  comments?: string[];
  commenters: number;
}

export interface ReportInput {
  poll: Poll;
  tally: Tally;
  /** Comment texts, already in random order (anonymous) or any order (public). */
  comments: string[];
  eligible: Eligible;
}

export function reportModel({ poll, tally, comments, eligible }: ReportInput): ReportModel {
  const counted = Object.values(eligible.byPlatform);
  const known = counted.length > 0 && counted.every((n) => typeof n === 'number');
  const model: ReportModel = {
    poll,
    open: isOpen(poll),
    eligibleTotal: known ? counted.reduce<number>((a, n) => a + (n ?? 0), 0) : undefined,
    responded: tally.voters,
    commenters: comments.length,
  };
  if (tally.voters < MIN_GROUP) return model;
  // An open anonymous poll's export is aggregate only: no platforms, no comments (they would change by one
  // member between two exports).
  const aggregateOnly = model.open && !poll.public;
  const platforms = aggregateOnly ? [] : (Object.keys(tally.byPlatform) as Platform[]);
  const table = suppress(poll, tally, platforms);
  model.results = poll.options.map((option, i) => ({ option, count: table.totals[i]! }));
  if (!aggregateOnly) {
    model.byPlatform = platforms.map((p, r) => ({ platform: p, name: PLATFORM_NAMES[p], eligible: eligible.byPlatform[p], responded: table.responded[r]!, counts: table.cells[r]! }));
    if (comments.length >= MIN_GROUP) model.comments = comments.map(anonymize);
  }
  return model;
}

interface Suppressed {
  totals: Cell[];
  responded: Cell[];
  cells: Cell[][];
}

/** Primary suppression (0 < n < MIN_GROUP), then complementary suppression until no sum has a single unknown. */
export function suppress(poll: Poll, tally: Tally, platforms: Platform[]): Suppressed {
  type Slot = { value: number; hidden: boolean; locked?: boolean };
  const slot = (value: number, locked = false): Slot => ({ value, hidden: !locked && value > 0 && value < MIN_GROUP, locked });
  const totals = tally.counts.map((n) => slot(n));
  const responded = platforms.map((p) => slot(tally.byPlatform[p]!.voters));
  const cells = platforms.map((p) => tally.byPlatform[p]!.counts.map((n) => slot(n)));
  const voters = slot(tally.voters, true);
  // Each constraint: a total and the parts that add up to it.
  const sums: Slot[][] = [];
  if (platforms.length) {
    poll.options.forEach((_, o) => sums.push([totals[o]!, ...cells.map((row) => row[o]!)]));
    sums.push([voters, ...responded]);
  }
  if (poll.maxChoices === 1) {
    sums.push([voters, ...totals]);
    cells.forEach((row, r) => sums.push([responded[r]!, ...row]));
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const sum of sums) {
      if (sum.filter((s) => s.hidden).length !== 1) continue;
      const candidates = sum.filter((s) => !s.hidden && !s.locked).sort((a, b) => a.value - b.value);
      if (!candidates.length) continue;
      candidates[0]!.hidden = true;
      changed = true;
    }
  }
  const shown = (s: Slot): Cell => (s.hidden ? null : s.value);
  return { totals: totals.map(shown), responded: responded.map(shown), cells: cells.map((row) => row.map(shown)) };
}

/** Removes what could name the writer: e-mail addresses, phone numbers, @mentions, links. */
export function anonymize(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[e-mail removed]')
    .replace(/<[@#!][^>]*>/g, '[mention removed]')
    .replace(/@[\w.-]{2,}/g, '[mention removed]')
    // The link only: not the bracket, quote or full stop around it.
    .replace(/https?:\/\/[^\s"'<>()[\]{}]+/g, (url) => `[link removed]${/[.,;:!?]+$/.exec(url)?.[0] ?? ''}`)
    .replace(/\+?\d[\d\s().-]{7,}\d/g, '[phone removed]')
    .replace(/\s*\n+\s*/g, ' ');
}
