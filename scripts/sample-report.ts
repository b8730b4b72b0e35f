// Writes the README's example pictures: a results chart (docs/poll-chart.png) and the advocacy report for the
// same made-up poll (docs/poll-report.pdf; its first page as docs/poll-report-page1.png when poppler's pdftoppm
// is installed). Run: npx tsx scripts/sample-report.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderChartSync } from '../src/services/charts/index.js';
import { pollChartData } from '../src/services/polls/chart.js';
import type { Comment, Poll, Vote } from '../src/services/polls/model.js';
import { reportModel } from '../src/services/polls/report.js';
import { reportPage } from '../src/services/polls/report-page.js';
import { reportPdf } from '../src/services/polls/report-pdf.js';
import { tallyOf } from '../src/services/polls/tally.js';

const poll: Poll = {
  id: 'k3x9qa',
  question: 'Which issue should NIAPP bring to the Illinois General Assembly in 2027?',
  options: ['Medicaid reimbursement for peer support', 'Paid supervision hours', 'Billing codes for peer services', 'Training stipends', 'Rural and telehealth access'],
  maxChoices: 1, public: false, hideResults: false, comments: true, everywhere: true,
  createdBy: { platform: 'slack', id: 'U0LEADER', name: 'jordan' }, createdAt: '2026-11-02T15:00:00.000Z', closedAt: '2026-11-30T23:00:00.000Z',
};
const spread: [Vote['platform'], number, number][] = [['slack', 0, 21], ['slack', 1, 14], ['slack', 2, 6], ['slack', 3, 4], ['slack', 4, 9], ['discord', 0, 5], ['discord', 1, 3], ['discord', 4, 2]];
const votes: Vote[] = spread.flatMap(([platform, choice, n]) => Array.from({ length: n }, () => ({ choices: [choice], platform, at: '2026-11-10T15:00:00.000Z' })));
const comments: Comment[] = [
  'Supervision is unpaid work in my agency: 3 hours a week.',
  'Rural counties have no peer services within an hour of driving.',
  'Billing codes would let clinics hire peers full time. Email me: sam@example.org',
  'Please keep the stipends, they got me certified.',
  'Medicaid rates decide whether my job exists next year.',
].map((text) => ({ text, platform: 'slack', at: '2026-11-10T15:00:00.000Z' }));

const tally = tallyOf(poll, votes);
mkdirSync('docs', { recursive: true });
writeFileSync('docs/poll-chart.png', renderChartSync(pollChartData(poll, tally, 'America/Chicago')).png);
const pdf = await reportPdf(reportPage(reportModel({ poll, tally, comments: comments.map((c) => c.text), eligible: { byPlatform: { slack: 142, discord: 61 } } }), { posted: ['slack', 'discord'], zone: 'America/Chicago', now: new Date('2026-12-01T15:00:00Z') }));
writeFileSync('docs/poll-report.pdf', pdf);
try {
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', 'docs/poll-report.pdf', 'docs/poll-report-page1']);
} catch {
  console.log('pdftoppm (poppler-utils) is not installed: docs/poll-report-page1.png was not made');
}
console.log('wrote docs/poll-chart.png, docs/poll-report.pdf');
