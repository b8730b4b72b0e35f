// Charts and the PDF report for a 10-option poll of 80-character labels (emoji and RTL included).
// - Chart render: poll data → layout → SVG (text as glyph outlines) → PNG (resvg) → alt text. Floor: resvg alone
//   rendering the same SVG string. Goal: p99 < 100 ms.
// - PDF report: ReportModel → PDF (pdfkit, embedded font, the chart drawn inside as vectors). Floor: a pdfkit
//   document with the same font and one line of text. Goal: p99 < 300 ms.
// Each also reports the CPU time per call (process.cpuUsage), which a busy shared machine inflates less than
// wall time.
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import { renderChartSync } from '../src/services/charts/index.js';
import { FONT_FILES } from '../src/services/charts/font.js';
import { chartSvg } from '../src/services/charts/svg.js';
import { pollChartData } from '../src/services/polls/chart.js';
import type { Poll, Vote } from '../src/services/polls/model.js';
import { reportModel } from '../src/services/polls/report.js';
import { reportPage } from '../src/services/polls/report-page.js';
import { reportPdf } from '../src/services/polls/report-pdf.js';
import { tallyOf } from '../src/services/polls/tally.js';
import { type Row, type Section, summarize } from './harness.js';

const RUNS = 60;
const WARMUP = 5;
const labels = [
  '👩‍👩‍👧‍👦 Family support groups for every county 🇺🇸 with childcare and transport provided',
  'أجور عادلة لأخصائيي دعم الأقران في جميع أنحاء الولاية والمقاطعات والمجتمعات المحلية',
  'שכר הוגן לעובדי תמיכה עמיתים בכל המחוזות והקהילות של מדינת אילינוי ובכל הערים שלה',
  'Medicaid reimbursement for peer support services in community mental health centers',
  'Paid supervision hours for certified peer recovery specialists across every county',
  'Billing codes for peer services so clinics can hire peers full time with benefits',
  'Training stipends and exam fee waivers for new peer specialists in rural counties',
  'Telehealth parity for peer support sessions delivered by phone or video statewide',
  'A career ladder from peer specialist to supervisor with pay steps written into law',
  'Youth peer specialists in schools, with training on confidentiality and consent ok',
].map((s) => s.slice(0, 80));
const poll: Poll = {
  id: 'bench01', question: 'Which of these should NIAPP bring to the Illinois General Assembly in 2027? Pick the one that matters most to your work.',
  options: labels, maxChoices: 1, public: false, hideResults: false, comments: true, everywhere: true,
  createdBy: { platform: 'slack', id: 'U0', name: 'lead' }, createdAt: '2026-11-02T15:00:00.000Z', closedAt: '2026-11-30T23:00:00.000Z',
};
const votes: Vote[] = Array.from({ length: 300 }, (_, i) => ({ choices: [i % 10], platform: i % 3 ? 'slack' : 'discord', at: '2026-11-10T15:00:00.000Z' }));
const tally = tallyOf(poll, votes);
const comments = Array.from({ length: 8 }, (_, i) => ({ text: `Comment ${i}: peer work needs fair pay and supervision, call me at 217-555-01${i}0`, platform: 'slack' as const, at: '2026-11-10T15:00:00.000Z' }));
const model = reportPage(reportModel({ poll, tally, comments: comments.map((c) => c.text), eligible: { byPlatform: { slack: 700, discord: 300 } } }), { posted: ['slack', 'discord'], zone: 'America/Chicago', now: new Date('2026-12-01T15:00:00Z') });

/** Wall-time samples, and the mean CPU time (user + system) per call in ms. */
async function measure(fn: () => unknown | Promise<unknown>): Promise<{ samples: number[]; cpu: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  return { samples, cpu: (cpu.user + cpu.system) / 1000 / RUNS };
}

function barePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  doc.registerFont('regular', FONT_FILES.regular);
  doc.font('regular').fontSize(12).text(poll.question);
  doc.end();
  return done;
}

export const chartsSection: Section = {
  title: 'Charts and PDF report',
  async run(): Promise<Row[]> {
    const data = pollChartData(poll, tally, 'America/Chicago');
    const { svg, width } = chartSvg(data);
    const floorChart = await measure(() => new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: 'width', value: width } }).render().asPng());
    const chart = await measure(() => renderChartSync(pollChartData(poll, tally, 'America/Chicago')));
    const floorPdf = await measure(barePdf);
    const pdf = await measure(() => reportPdf(model));
    const [c, fc, p, fp] = [chart, floorChart, pdf, floorPdf].map((m) => summarize(m.samples));
    return [
      { name: 'chart render p50 (10 options, 80-char labels)', value: c!.p50, unit: 'ms', floor: fc!.p50 },
      { name: 'chart render p99 (10 options, 80-char labels)', value: c!.p99, unit: 'ms', floor: fc!.p99, goal: '< 100 ms' },
      { name: 'chart render CPU time per call', value: chart.cpu, unit: 'ms', floor: floorChart.cpu },
      { name: 'PDF report p50 (10 options, chart, comments)', value: p!.p50, unit: 'ms', floor: fp!.p50 },
      { name: 'PDF report p99 (10 options, chart, comments)', value: p!.p99, unit: 'ms', floor: fp!.p99, goal: '< 300 ms' },
      { name: 'PDF report CPU time per call', value: pdf.cpu, unit: 'ms', floor: floorPdf.cpu },
    ];
  },
};
