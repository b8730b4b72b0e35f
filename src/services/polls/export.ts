// Exports: a CSV with one row per vote, and the advocacy report (Markdown) that leadership hands to policy
// makers. Neither ever holds a voter's id for anonymous polls; the report suppresses groups smaller than 5.
import { stringify } from 'csv-stringify/sync';
import type { Platform } from '../../core/message.js';
import type { Comment, Poll, Vote } from './model.js';
import { formatWhen } from './render.js';
import { type Tally, percent } from './tally.js';

/** Groups smaller than this are not reported (a count of 2 on one platform could point at two people). */
export const MIN_GROUP = 5;
const PLATFORM_NAMES: Record<Platform, string> = { slack: 'Slack', discord: 'Discord', console: 'Console' };

export function votesCsv(poll: Poll, votes: [string, Vote][], comments: Map<string, Comment>): string {
  const header = ['poll', 'voted_at', 'platform', 'options', 'comment', ...(poll.public ? ['member', 'name'] : [])];
  const rows = votes
    .filter(([, v]) => v.choices.length)
    .map(([key, v]) => [
      poll.id,
      v.at,
      v.platform,
      v.choices.map((c) => poll.options[c]).join('; '),
      comments.get(key)?.text ?? '',
      ...(poll.public ? [v.member ?? '', v.name ?? ''] : []),
    ]);
  // Anonymous rows carry no order that could be matched to who voted when: sort by content.
  if (!poll.public) rows.sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
  return stringify([header, ...rows]);
}

export interface Eligible {
  /** Member count per platform where the platform lets the bot list them; undefined where it does not. */
  byPlatform: Partial<Record<Platform, number | undefined>>;
}

export interface ReportInput {
  poll: Poll;
  tally: Tally;
  comments: Comment[];
  eligible: Eligible;
  zone: string;
  now: Date;
}

export function advocacyReport({ poll, tally, comments, eligible, zone, now }: ReportInput): string {
  const out: string[] = [];
  const counted = Object.values(eligible.byPlatform);
  const known = counted.length > 0 && counted.every((n) => typeof n === 'number');
  const eligibleTotal = known ? counted.reduce<number>((a, n) => a + (n ?? 0), 0) : undefined;
  out.push(`# ${poll.question}`, '');
  out.push(`A member poll of the NAMI Illinois Alliance of Peer Professionals (NIAPP).`, '');
  out.push(`- **Opened:** ${formatWhen(poll.createdAt, zone)}`);
  out.push(poll.closedAt ? `- **Closed:** ${formatWhen(poll.closedAt, zone)}` : `- **Status:** still open (report made ${formatWhen(now.toISOString(), zone)})`);
  out.push(`- **Kind:** ${poll.public ? 'public (names recorded)' : 'anonymous (no names recorded)'}, ${poll.maxChoices > 1 ? `members could pick up to ${poll.maxChoices} options` : 'one choice per member'}`);
  out.push(`- **Eligible members:** ${eligibleTotal ?? 'not known for every platform'}${eligibleTotal === undefined ? '' : ' (members of the channels where the poll was posted)'}`);
  out.push(`- **Responded:** ${tally.voters}`);
  if (eligibleTotal) out.push(`- **Response rate:** ${percent(tally.voters, eligibleTotal)}%`);
  out.push('');

  out.push('## Results', '');
  if (tally.voters < MIN_GROUP) {
    out.push(`Fewer than ${MIN_GROUP} members responded, so the results are not reported (they could identify individuals).`, '');
  } else {
    out.push('| Option | Votes | Share of respondents |', '|---|---:|---:|');
    poll.options.forEach((o, i) => out.push(`| ${cell(o)} | ${tally.counts[i]} | ${percent(tally.counts[i] ?? 0, tally.voters)}% |`));
    if (poll.maxChoices > 1) out.push('', '_Members could pick more than one option, so shares add up to more than 100%._');
    out.push('');
  }

  const platforms = Object.entries(tally.byPlatform) as [Platform, { voters: number; counts: number[] }][];
  out.push('## By platform', '');
  if (tally.voters < MIN_GROUP) out.push('Not reported (too few responses).', '');
  else {
    out.push(`| Platform | Eligible | Responded | ${poll.options.map(cell).join(' | ')} |`, `|---|---:|---:|${poll.options.map(() => '---:').join('|')}|`);
    for (const [p, group] of platforms) {
      const small = group.voters < MIN_GROUP;
      const counts = poll.options.map((_, i) => (small ? '—' : suppress(group.counts[i] ?? 0)));
      out.push(`| ${PLATFORM_NAMES[p]} | ${eligible.byPlatform[p] ?? 'unknown'} | ${small ? `fewer than ${MIN_GROUP}` : group.voters} | ${counts.join(' | ')} |`);
    }
    out.push('', `_Counts below ${MIN_GROUP} are shown as "<${MIN_GROUP}" so that no small group can be identified._`, '');
  }

  if (poll.comments) {
    out.push('## Comments', '');
    if (comments.length < MIN_GROUP) out.push(`${comments.length ? `Fewer than ${MIN_GROUP}` : 'No'} members left a comment; ${comments.length ? 'they are not reported to protect their anonymity' : 'nothing to report'}.`, '');
    else {
      out.push('Comments are shown without names, in alphabetical order; contact details and mentions are removed.', '');
      for (const text of comments.map((c) => anonymize(c.text)).sort((a, b) => a.localeCompare(b))) out.push(`> ${text.replace(/\n+/g, ' ')}`, '');
    }
  }
  out.push('---', `Poll ${poll.id}. Prepared by the NIAPP bot on ${formatWhen(now.toISOString(), zone)}.`);
  return `${out.join('\n')}\n`;
}

const suppress = (n: number): string => (n > 0 && n < MIN_GROUP ? `<${MIN_GROUP}` : String(n));
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Removes what could name the writer: e-mail addresses, phone numbers, @mentions, links. */
export function anonymize(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[e-mail removed]')
    .replace(/<[@#!][^>]*>/g, '[mention removed]')
    .replace(/@[\w.-]{2,}/g, '[mention removed]')
    .replace(/https?:\/\/\S+/g, '[link removed]')
    .replace(/\+?\d[\d\s().-]{7,}\d/g, '[phone removed]');
}
