// The tally is derived, never stored: a scan of the poll's vote records. A member with no choices left
// (every option toggled off) is not a voter.
import type { Platform } from '../../core/message.js';
import type { Poll, Vote } from './model.js';

export interface PlatformTally {
  voters: number;
  counts: number[];
}

export interface Tally {
  counts: number[];
  voters: number;
  byPlatform: Partial<Record<Platform, PlatformTally>>;
}

export function tallyOf(poll: Poll, votes: Iterable<Vote>): Tally {
  const counts = poll.options.map(() => 0);
  const byPlatform: Tally['byPlatform'] = {};
  let voters = 0;
  for (const vote of votes) {
    if (!vote.choices.length) continue;
    voters++;
    const group = (byPlatform[vote.platform] ??= { voters: 0, counts: poll.options.map(() => 0) });
    group.voters++;
    for (const c of vote.choices) {
      if (c >= counts.length) continue;
      counts[c]!++;
      group.counts[c]!++;
    }
  }
  return { counts, voters, byPlatform };
}

/** Percent of voters who chose an option (multi-choice percentages may add up to more than 100). */
export const percent = (count: number, voters: number): number => (voters ? Math.round((count / voters) * 100) : 0);

/** A 10-cell text bar: "██████░░░░". */
export function bar(count: number, voters: number, cells = 10): string {
  const filled = voters ? Math.round((count / voters) * cells) : 0;
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}
