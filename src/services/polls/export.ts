// Exports: the votes CSV, the comments CSV of anonymous polls, and the advocacy report (Markdown) that
// leadership hands to policy makers, rendered from the format-free ReportModel (report.ts).
// - Public polls: one row per member (time, platform, member, name, comment), one 0/1 column per option.
// - Anonymous polls, closed: one row per ballot, one 0/1 column per option, nothing else (no platform, no time,
//   no comment), sorted by content. Comments go to their own file, in random order, redacted, and only when at
//   least MIN_GROUP members commented. Anonymous polls, open: aggregate counts only.
// Every cell is escaped against formula injection (OWASP: a leading = + - @ tab or CR gets a ' and quotes).
import { stringify } from 'csv-stringify/sync';
import type { Poll, Results, Vote } from './model.js';
import { formatWhen } from './render.js';
import { MIN_GROUP, type Cell, type ReportModel, anonymize } from './report.js';
import { percent } from './tally.js';

export { MIN_GROUP, anonymize } from './report.js';

const FORMULA = /^[=+\-@\t\r]/;
/** A cell that a spreadsheet will not run: a leading formula character gets a ' (and the cell is quoted). */
export const safeCell = (s: string): string => (FORMULA.test(s) ? `'${s}` : s);
const csv = (rows: (string | number)[][]): string =>
  stringify(rows.map((r) => r.map((c) => (typeof c === 'string' ? safeCell(c) : c))), { quoted_match: /^'[=+\-@\t\r]/ });

const marks = (poll: Poll, choices: number[]): number[] => poll.options.map((_, i) => (choices.includes(i) ? 1 : 0));

export function publicVotesCsv(poll: Poll, votes: [string, Vote][], comments: Map<string, { text: string }>): string {
  const header = ['poll', 'voted_at', 'platform', ...poll.options, 'comment', 'member', 'name'];
  const rows = votes
    .filter(([, v]) => v.choices.length)
    .map(([key, v]) => [poll.id, v.at ?? '', v.platform, ...marks(poll, v.choices), comments.get(key)?.text ?? '', v.member ?? '', v.name ?? '']);
  return csv([header, ...rows]);
}

/** A closed anonymous poll: one row per ballot, nothing but its choices, in content order. */
export function ballotsCsv(poll: Poll, results: Results): string {
  const rows = results.ballots
    .flatMap((b) => Array.from({ length: b.n }, () => marks(poll, b.choices)))
    .sort((a, b) => b.join().localeCompare(a.join()));
  return csv([['poll', ...poll.options], ...rows.map((r) => [poll.id, ...r])]);
}

/** An open anonymous poll: the counts so far, nothing per member. */
export function aggregateCsv(poll: Poll, counts: number[], voters: number): string {
  return csv([['poll', 'option', 'votes'], ...poll.options.map((o, i) => [poll.id, o, counts[i] ?? 0]), [poll.id, '(members who voted)', voters]]);
}

/** The comments of an anonymous poll: redacted, in the (random) order given; empty under MIN_GROUP. */
export function commentsCsv(poll: Poll, comments: string[]): string | undefined {
  if (comments.length < MIN_GROUP) return undefined;
  return csv([['poll', 'comment'], ...comments.map((c) => [poll.id, anonymize(c)])]);
}

const show = (c: Cell, of?: number): string => (of === undefined ? (c === null ? '—' : String(c)) : c === null ? '— | —' : `${c} | ${percent(c, of)}%`);
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function reportMarkdown(m: ReportModel, zone: string, now: Date): string {
  const { poll } = m;
  const out: string[] = [];
  out.push(`# ${cell(poll.question)}`, '');
  out.push(`A member poll of the NAMI Illinois Alliance of Peer Professionals (NIAPP).`, '');
  out.push(`- **Opened:** ${formatWhen(poll.createdAt, zone)}`);
  out.push(poll.closedAt ? `- **Closed:** ${formatWhen(poll.closedAt, zone)}` : `- **Status:** still open (report made ${formatWhen(now.toISOString(), zone)})`);
  out.push(`- **Kind:** ${poll.public ? 'public (names recorded)' : 'anonymous (no names recorded)'}, ${poll.maxChoices > 1 ? `members could pick up to ${poll.maxChoices} options` : 'one choice per member'}`);
  out.push(`- **Eligible members:** ${m.eligibleTotal ?? 'not known for every platform'}${m.eligibleTotal === undefined ? '' : ' (members of the channels where the poll was posted)'}`);
  out.push(`- **Responded:** ${m.responded}`);
  if (m.eligibleTotal) out.push(`- **Response rate:** ${percent(m.responded, m.eligibleTotal)}%`);
  out.push('', '## Results', '');
  if (!m.results) out.push(`Fewer than ${MIN_GROUP} members responded, so the results are not reported (they could identify individuals).`, '');
  else {
    out.push('| Option | Votes | Share of respondents |', '|---|---:|---:|');
    for (const r of m.results) out.push(`| ${cell(r.option)} | ${show(r.count, m.responded)} |`);
    if (poll.maxChoices > 1) out.push('', '_Members could pick more than one option, so shares add up to more than 100%._');
    out.push('');
  }
  out.push('## By platform', '');
  if (!m.results) out.push('Not reported (too few responses).', '');
  else if (!m.byPlatform) out.push('Not reported while an anonymous poll is open (it would change by one member between two reports).', '');
  else {
    out.push(`| Platform | Eligible | Responded | ${poll.options.map(cell).join(' | ')} |`, `|---|---:|---:|${poll.options.map(() => '---:').join('|')}|`);
    for (const p of m.byPlatform) out.push(`| ${p.name} | ${p.eligible ?? 'unknown'} | ${show(p.responded)} | ${p.counts.map((c) => show(c)).join(' | ')} |`);
    out.push('');
  }
  if (m.results?.some((r) => r.count === null) || m.byPlatform?.some((p) => p.responded === null || p.counts.includes(null))) {
    out.push(`_"—": withheld, because it is under ${MIN_GROUP} or would let a reader work out a count under ${MIN_GROUP} from the totals._`, '');
  }
  if (poll.comments) {
    out.push('## Comments', '');
    if (m.open && !poll.public) out.push('Comments are reported once the poll has closed.', '');
    else if (!m.comments) out.push(`${m.commenters ? `Fewer than ${MIN_GROUP}` : 'No'} members left a comment; ${m.commenters ? 'they are not reported to protect their anonymity' : 'nothing to report'}.`, '');
    else {
      out.push('Comments are shown without names, in random order; contact details and mentions are removed.', '');
      for (const text of m.comments) out.push(`> ${text}`, '');
    }
  }
  out.push('---', `Poll ${poll.id}. Prepared by the NIAPP bot on ${formatWhen(now.toISOString(), zone)}.`);
  return `${out.join('\n')}\n`;
}
