// The advocacy report's page, as plain data: everything the PDF shows, already decided. It is built only from the
// report model of report.ts, whose small-group suppression is complementary and whose comments are already
// anonymised, so the renderer (report-pdf.ts) only lays it out and cannot show what the model withheld.
import type { Platform } from '../../core/message.js';
import type { ChartData } from '../charts/index.js';
import { shorten } from '../charts/labels.js';
import { MIN_GROUP, PLATFORM_NAMES, type ReportModel } from './report.js';
import { formatWhen } from './render.js';
import { percent } from './tally.js';

export const ALLIANCE = 'NAMI Illinois Alliance of Peer Professionals (NIAPP)';
/** At most this many comments, each at most this long, so the report stays within two pages. */
const MAX_COMMENTS = 12;
const MAX_COMMENT_CHARS = 280;
const WITHHELD = 'withheld';

export interface ReportPage {
  alliance: string;
  pollId: string;
  question: string;
  /** "Opened …", "Closed …" (or still open), as members read dates. */
  dates: { label: string; value: string }[];
  /** Who was asked and where, how it was counted, how many answered. */
  facts: { label: string; value: string }[];
  /** Whole results withheld (too few respondents): the reason, and then rows and chart are empty. */
  withheld?: string;
  rows: { option: string; count: string; percent: string }[];
  rowsNote?: string;
  platforms: { columns: string[]; rows: string[][]; note: string } | { withheld: string };
  comments?: { shown: string[]; note: string };
  chart?: ChartData;
  footer: string;
  /** ISO instant the report was made (also the PDF's creation date). */
  madeAt: string;
}

export interface ReportPageContext {
  /** The platforms the poll was posted on. */
  posted: Platform[];
  zone: string;
  now: Date;
}

const shown = (n: number | null | undefined): string => (n === null ? WITHHELD : n === undefined ? 'unknown' : String(n));

export function reportPage(model: ReportModel, { posted, zone, now }: ReportPageContext): ReportPage {
  const { poll, responded, eligibleTotal } = model;
  const where = posted.length ? [...new Set(posted)].map((p) => PLATFORM_NAMES[p]).join(' and ') : 'chat';
  const page: ReportPage = {
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
      { label: 'Responded', value: String(responded) },
      { label: 'Response rate', value: eligibleTotal ? `${percent(responded, eligibleTotal)}% (${responded} of ${eligibleTotal})` : 'not known (eligible members not known)' },
    ],
    rows: [],
    platforms: { withheld: model.results && model.open && !poll.public ? 'Not reported while the anonymous poll is open.' : 'Not reported (too few responses).' },
    footer: `Poll ${poll.id}. Prepared by the NIAPP bot on ${formatWhen(now.toISOString(), zone)}.`,
    madeAt: now.toISOString(),
  };
  const suppressionNote = `Counts that could identify a group smaller than ${MIN_GROUP} (directly, or by subtraction from another count) are shown as "${WITHHELD}".`;
  if (!model.results) page.withheld = `Fewer than ${MIN_GROUP} members responded, so the results are not reported (they could identify individuals).`;
  else {
    page.rows = model.results.map((r) => ({ option: r.option, count: shown(r.count), percent: r.count === null ? WITHHELD : `${percent(r.count, responded)}%` }));
    const notes = [poll.maxChoices > 1 ? 'Members could pick more than one option, so shares add up to more than 100%.' : '', model.results.some((r) => r.count === null) ? suppressionNote : ''];
    if (notes.some(Boolean)) page.rowsNote = notes.filter(Boolean).join(' ');
    page.chart = chartOf(model, zone);
    if (model.byPlatform) {
      page.platforms = {
        columns: ['Platform', 'Eligible', 'Responded', ...poll.options],
        rows: model.byPlatform.map((p) => [p.name, shown(p.eligible), shown(p.responded), ...p.counts.map(shown)]),
        note: suppressionNote,
      };
    }
  }
  if (poll.comments) {
    if (!model.comments) {
      page.comments = {
        shown: [],
        note:
          model.open && !poll.public
            ? 'Comments are reported once the poll has closed.'
            : model.commenters
              ? `Fewer than ${MIN_GROUP} members left a comment; comments are not reported to protect their anonymity.`
              : 'No members left a comment.',
      };
    } else {
      const all = model.comments.map((t) => t.replace(/\s+/g, ' ').trim()).sort((a, b) => a.localeCompare(b));
      const list = all.slice(0, MAX_COMMENTS).map((t) => shorten(t, MAX_COMMENT_CHARS));
      const more = all.length - list.length;
      page.comments = { shown: list, note: `${all.length} members commented. Shown without names, in alphabetical order; contact details and mentions removed.${more ? ` ${more} more are not shown here.` : ''}` };
    }
  }
  return page;
}

/** The chart shows only what the table shows: bars of withheld counts are left out, and the note says so. */
function chartOf(model: ReportModel, zone: string): ChartData {
  const { poll, responded } = model;
  const rows = (model.results ?? []).filter((r) => r.count !== null).map((r) => ({ label: r.option, count: r.count!, percent: percent(r.count!, responded) }));
  const hidden = (model.results ?? []).length - rows.length;
  const when = poll.closedAt ? `closed ${formatWhen(poll.closedAt, zone)}` : 'so far, still open';
  return {
    title: poll.question,
    subtitle: `${responded} response${responded === 1 ? '' : 's'} · ${when}`,
    rows,
    note: `${hidden ? `${hidden} option${hidden === 1 ? '' : 's'} withheld (small groups). ` : ''}${poll.public ? 'Public poll' : 'Anonymous poll'} ${poll.id} · one vote per member across Slack and Discord.`,
  };
}
