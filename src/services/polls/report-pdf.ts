// The advocacy report as a PDF a legislator can read: one or two US Letter pages, real text in an embedded font
// (so screen readers, search and `pdftotext` read it), the chart (as vectors), the results table, the per-platform
// table and members' comments. A pure function of the ReportPage: it decides nothing about what may be shown.
import PDFDocument from 'pdfkit';
import { fontBuffer } from '../charts/font.js';
import { chartLayout } from '../charts/layout.js';
import { bidiText, bidiTextHeight, drawChartPdf } from '../charts/pdf.js';
import { hasRtl } from '../charts/shaping.js';
import type { ReportPage } from './report-page.js';

const INK = '#1a1a1a';
const MUTED = '#4d4d4d';
const RULE = '#bfbfbf';
const MARGIN = 54;
const CHART_MAX_HEIGHT = 250;
/** The smallest scale of the chart's layout (its labels then read at about the size of the table's text). */
const CHART_MIN_SCALE = 0.5;

export function reportPdf(model: ReportPage): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    bufferPages: true,
    lang: 'en-US',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: `${model.alliance} — ${model.question}`, Author: model.alliance, Subject: 'Member poll report', Creator: 'NIAPP bot', CreationDate: new Date(model.madeAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // The font files are read once per process; pdfkit embeds only the glyphs used.
  doc.registerFont('regular', fontBuffer(false));
  doc.registerFont('bold', fontBuffer(true));
  const width = doc.page.width - 2 * MARGIN;

  doc.font('regular').fontSize(10).fillColor(MUTED).text(model.alliance);
  doc.moveDown(0.3);
  doc.fillColor(INK);
  flow(doc, model.question, { size: 18, bold: true });
  doc.moveDown(0.5);
  for (const { label, value } of [...model.dates, ...model.facts]) {
    doc.font('bold').fontSize(10).fillColor(INK).text(`${label}: `, { continued: true }).font('regular').text(value);
  }

  heading(doc, 'Results');
  if (model.withheld) doc.font('regular').fontSize(10).text(model.withheld);
  else {
    chart(doc, model, width);
    table(doc, width, ['Option', 'Votes', 'Share of respondents'], model.rows.map((r, i) => [`${i + 1}. ${r.option}`, r.count, r.percent]), [0.64, 0.14, 0.22]);
    if (model.rowsNote) note(doc, model.rowsNote);
  }

  heading(doc, 'By platform');
  if ('withheld' in model.platforms) doc.font('regular').fontSize(10).text(model.platforms.withheld);
  else {
    const { columns, rows } = model.platforms;
    const options = columns.length - 3;
    const rest = (1 - 0.42) / Math.max(1, options);
    // Options are named by their number in the results table above, so the columns stay narrow.
    table(doc, width, columns.map((c, i) => (i < 3 ? c : `#${i - 2}`)), rows, [0.16, 0.13, 0.13, ...Array.from({ length: options }, () => rest)], 8.5);
    note(doc, model.platforms.note);
  }

  if (model.comments) {
    heading(doc, "Members' comments");
    note(doc, model.comments.note);
    for (const c of model.comments.shown) {
      doc.fillColor(INK);
      flow(doc, `“${c}”`, { size: 9.5, bold: false, indent: 10 });
      doc.moveDown(0.25);
    }
  }

  doc.moveDown(1);
  note(doc, model.footer);
  doc.end();
  return done;
}

/** Flowing text; text with Arabic or Hebrew is set line by line in bidi order (kept on one page). */
function flow(doc: PDFKit.PDFDocument, text: string, o: { size: number; bold: boolean; indent?: number }): void {
  doc.font(o.bold ? 'bold' : 'regular').fontSize(o.size);
  if (!hasRtl(text)) {
    doc.text(text, { indent: o.indent ?? 0 });
    return;
  }
  const width = doc.page.width - 2 * MARGIN;
  if (doc.y + bidiTextHeight(doc, text, width - (o.indent ?? 0), o.size, o.bold) > doc.page.height - MARGIN) doc.addPage();
  bidiText(doc, text, { x: MARGIN, width, ...o });
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.9);
  doc.font('bold').fontSize(13).fillColor(INK).text(text, MARGIN);
  doc.moveDown(0.3);
}

function note(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('regular').fontSize(8.5).fillColor(MUTED).text(text, MARGIN).fillColor(INK).moveDown(0.3);
}

/** The results chart as vectors, fitted to the width and CHART_MAX_HEIGHT unless that would shrink it below CHART_MIN_SCALE (then up to a page of its own); left out if it cannot be laid out. */
function chart(doc: PDFKit.PDFDocument, model: ReportPage, width: number): void {
  if (!model.chart) return;
  let layout: ReturnType<typeof chartLayout>;
  try {
    layout = chartLayout(model.chart);
  } catch {
    return; // the table below states the same numbers
  }
  // A short chart stays small; a tall one (ten options with long labels) keeps the full width and may take a page
  // of its own, so its labels stay as readable as the text around it.
  const ratio = layout.height / layout.width;
  const readable = Math.min(width, CHART_MIN_SCALE * layout.width, (doc.page.height - 2 * MARGIN) / ratio);
  const w = Math.max(Math.min(width, CHART_MAX_HEIGHT / ratio), readable);
  const h = w * ratio;
  if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y;
  drawChartPdf(doc, layout, { x: MARGIN, y: top, width: w, fonts: { regular: 'regular', bold: 'bold' } });
  doc.x = MARGIN;
  doc.y = top + h + 8;
}

/** A simple table: header row in bold, rules between rows, cells wrapped within their column. */
function table(doc: PDFKit.PDFDocument, width: number, header: string[], rows: string[][], fractions: number[], size = 9.5): void {
  const cols = fractions.map((f) => f * width);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    const heights = cells.map((c, i) => (hasRtl(c) ? bidiTextHeight(doc, c, cols[i]! - 6, size, bold) : doc.heightOfString(c, { width: cols[i]! - 6 })));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.fillColor(INK);
      if (hasRtl(c)) {
        doc.y = top + 3;
        bidiText(doc, c, { x: x + 3, width: cols[i]! - 6, size, bold });
      } else doc.text(c, x + 3, top + 3, { width: cols[i]! - 6, align: i === 0 ? 'left' : 'right' });
      x += cols[i]!;
    });
    doc.moveTo(MARGIN, top + h).lineTo(MARGIN + width, top + h).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.x = MARGIN;
    doc.y = top + h;
  };
  row(header, true);
  for (const r of rows) row(r, false);
  doc.moveDown(0.4);
}
