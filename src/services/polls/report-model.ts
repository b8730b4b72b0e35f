// The advocacy report as plain data: everything the PDF shows, already decided — groups too small to report
// are suppressed here and comments are already anonymised — so the renderer (report-pdf.ts) only lays it out
// and cannot leak what the model does not hold. `reportModel` fills it from the export rules of export.ts
// (MIN_GROUP, anonymize).
import type { Platform } from '../../core/message.js';
import type { ChartData } from '../charts/index.js';
import { shorten } from '../charts/labels.js';
import { pollChartData } from './chart.js';
import { type Eligible, MIN_GROUP, anonymize } from './export.js';
import type { Comment, Poll } from './model.js';
import { formatWhen } from './render.js';
import { type Tally, percent } from './tally.js';

export const ALLIANCE = 'NAMI Illinois Alliance of Peer Professionals (NIAPP)';
const PLATFORM_NAMES: Record<Platform, string> = { slack: 'Slack', discord: 'Discord', console: 'Console' };
/** At most this many comments, each at most this long, so the report stays within two pages. */
const MAX_COMMENTS = 12;
const MAX_COMMENT_CHARS = 280;

export interface ReportModel {
  alliance: string;
  pollId: string;
  question: string;
  /** "Opened …", "Closed …" (or still open), as members read dates. */
  dates: { label: string; value: string }[];
  /** Who was asked and where, how it was counted, how many answered. */
  facts: { label: string; value: string }[];
  /** Whole results withheld (too few respondents): the reason, and then rows and chart are empty. */
  withheld?: string;
  rows: { option: string; count: number; percent: number }[];
  rowsNote?: string;
  platforms: { columns: string[]; rows: string[][]; note: string } | { withheld: string };
  comments?: { shown: string[]; note: string };
  chart?: ChartData;
  footer: string;
  /** ISO instant the report was made (also the PDF's creation date). */
  madeAt: string;
}

export interface ReportModelInput {
  poll: Poll;
  tally: Tally;
  comments: Comment[];
  eligible: Eligible;
  /** The platforms the poll was posted on. */
  platforms: Platform[];
  zone: string;
  now: Date;
}

/** Counts below MIN_GROUP (but not zero) are shown as "<5", as the Markdown report does. */
const cell = (n: number): string => (n > 0 && n < MIN_GROUP ? `<${MIN_GROUP}` : String(n));

export function reportModel({ poll, tally, comments, eligible, platforms, zone, now }: ReportModelInput): ReportModel {
  const counted = Object.values(eligible.byPlatform);
  const known = counted.length > 0 && counted.every((n) => typeof n === 'number');
  const eligibleTotal = known ? counted.reduce<number>((a, n) => a + (n ?? 0), 0) : undefined;
  const where = platforms.length ? [...new Set(platforms)].map((p) => PLATFORM_NAMES[p]).join(' and ') : 'chat';
  const few = tally.voters < MIN_GROUP;
  const model: ReportModel = {
    alliance: ALLIANCE,
    pollId: poll.id,
    question: poll.question,
    dates: [
      { label: 'Opened', value: formatWhen(poll.createdAt, zone) },
      poll.closedAt ? { label: 'Closed', value: formatWhen(poll.closedAt, zone) } : { label: 'Status', value: `still open (report made ${formatWhen(now.toISOString(), zone)})` },
    ],
    facts: [
      { label: 'Who was asked', value: `${poll.everywhere ? 'All members, in the announcement channels' : 'Members of the channel where it was posted'} on ${where}` },
      { label: 'Eligible members', value: eligibleTotal === undefined ? 'not known for every platform' : `${eligibleTotal} (members of those channels)` },
      {
        label: 'How it was counted',
        value: `One vote per member across platforms (linked Slack and Discord accounts count once); ${poll.public ? 'public: names were recorded' : 'anonymous: no names were recorded'}; ${poll.maxChoices > 1 ? `up to ${poll.maxChoices} choices per member` : 'one choice per member'}.`,
      },
      { label: 'Responded', value: String(tally.voters) },
      { label: 'Response rate', value: eligibleTotal ? `${percent(tally.voters, eligibleTotal)}% (${tally.voters} of ${eligibleTotal})` : 'not known (eligible members not known)' },
    ],
    rows: [],
    platforms: { withheld: 'Not reported (too few responses).' },
    footer: `Poll ${poll.id}. Prepared by the NIAPP bot on ${formatWhen(now.toISOString(), zone)}.`,
    madeAt: now.toISOString(),
  };
  if (few) model.withheld = `Fewer than ${MIN_GROUP} members responded, so the results are not reported (they could identify individuals).`;
  else {
    model.rows = poll.options.map((option, i) => ({ option, count: tally.counts[i] ?? 0, percent: percent(tally.counts[i] ?? 0, tally.voters) }));
    if (poll.maxChoices > 1) model.rowsNote = 'Members could pick more than one option, so shares add up to more than 100%.';
    model.chart = pollChartData(poll, tally, zone);
    const groups = Object.entries(tally.byPlatform) as [Platform, { voters: number; counts: number[] }][];
    model.platforms = {
      columns: ['Platform', 'Eligible', 'Responded', ...poll.options],
      rows: groups.map(([p, g]) => {
        const small = g.voters < MIN_GROUP;
        return [PLATFORM_NAMES[p], String(eligible.byPlatform[p] ?? 'unknown'), small ? `fewer than ${MIN_GROUP}` : String(g.voters), ...poll.options.map((_, i) => (small ? '—' : cell(g.counts[i] ?? 0)))];
      }),
      note: `Counts below ${MIN_GROUP} are shown as "<${MIN_GROUP}" so that no small group can be identified.`,
    };
  }
  if (poll.comments) {
    if (comments.length < MIN_GROUP) {
      model.comments = { shown: [], note: comments.length ? `Fewer than ${MIN_GROUP} members left a comment; they are not reported to protect their anonymity.` : 'No members left a comment.' };
    } else {
      const all = comments.map((c) => anonymize(c.text).replace(/\s+/g, ' ').trim()).sort((a, b) => a.localeCompare(b));
      const shown = all.slice(0, MAX_COMMENTS).map((t) => shorten(t, MAX_COMMENT_CHARS));
      const more = all.length - shown.length;
      model.comments = { shown, note: `${all.length} members commented. Shown without names, in alphabetical order; contact details and mentions removed.${more ? ` ${more} more are not shown here.` : ''}` };
    }
  }
  return model;
}
