// What `/poll export` hands out: the report model (report.ts, with its suppression) and the files made from it —
// the CSV that fits the poll's state (public votes; an open anonymous poll's counts only; a closed one's sealed
// results and its comments), the Markdown report and the PDF (if the PDF cannot be made, the rest still goes).
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { aggregateCsv, ballotsCsv, commentsCsv, publicVotesCsv, reportMarkdown } from './export.js';
import type { PollService } from './index.js';
import { isOpen } from './model.js';
import { type ReportModel, reportModel } from './report.js';
import { reportPage } from './report-page.js';
import { reportPdf } from './report-pdf.js';

export interface ExportFile {
  filename: string;
  contentType: string;
  content: string | Uint8Array;
}

export async function exportFiles(polls: PollService, deps: { clock: Clock; zone: string; log: Logger }, id: string): Promise<{ model: ReportModel; files: ExportFile[] }> {
  const poll = await polls.get(id);
  const [tally, comments, posts] = await Promise.all([polls.tally(poll.id), polls.commentsOf(poll.id), polls.postsOf(poll.id)]);
  const model = reportModel({ poll, tally, comments: poll.public || !isOpen(poll) ? comments : [], eligible: await polls.outreach.eligible(posts) });
  const name = (kind: string) => `poll-${poll.id}-${kind}`;
  const files: ExportFile[] = [];
  if (poll.public) {
    const votes = await polls.book.list(poll, undefined);
    files.push({ filename: name('votes.csv'), contentType: 'text/csv', content: publicVotesCsv(poll, votes, await polls.book.publicComments(poll)) });
  } else if (isOpen(poll)) {
    files.push({ filename: name('counts.csv'), contentType: 'text/csv', content: aggregateCsv(poll, tally.counts, tally.voters) });
  } else {
    const results = await polls.resultsOf(poll);
    files.push({ filename: name('votes.csv'), contentType: 'text/csv', content: ballotsCsv(poll, results) });
    const notes = commentsCsv(poll, results.comments);
    if (notes) files.push({ filename: name('comments.csv'), contentType: 'text/csv', content: notes });
  }
  const now = deps.clock.now();
  files.push({ filename: name('report.md'), contentType: 'text/markdown', content: reportMarkdown(model, deps.zone, now) });
  // The PDF is laid out from the same model; if it cannot be made, the CSV and Markdown still go.
  const page = reportPage(model, { posted: posts.map((r) => r.platform), zone: deps.zone, now });
  const pdf = await reportPdf(page).catch((err: unknown) => void deps.log.error({ err, poll: poll.id }, 'could not make the PDF report'));
  if (pdf) files.push({ filename: name('report.pdf'), contentType: 'application/pdf', content: new Uint8Array(pdf) });
  return { model, files };
}
