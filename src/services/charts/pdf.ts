// Text and the chart drawn into a PDF (pdfkit). pdfkit shapes text word by word in logical order, so a
// right-to-left line comes out with its words backwards; lines with Arabic or Hebrew are therefore placed run by run
// where the bidi algorithm puts them (shaping.ts), each run shaped whole by pdfkit's fontkit. The chart is the same
// layout as the PNG, drawn as vectors: bars as rectangles, text as real text in the embedded DejaVu Sans, so it
// stays sharp in print and a screen reader or `pdftotext` reads it.
import { fitLines } from './labels.js';
import type { ChartLayout } from './layout.js';
import { hasRtl, shapeLine, textWidth } from './shaping.js';

/** Names under which the document registered DejaVu Sans regular and bold. */
export interface PdfFonts {
  regular: string;
  bold: string;
}

export interface PdfChartPlace {
  x: number;
  y: number;
  /** Width in points; the height follows the layout's proportions. */
  width: number;
  fonts: PdfFonts;
}

export function drawChartPdf(doc: PDFKit.PDFDocument, layout: ChartLayout, place: PdfChartPlace): void {
  const scale = place.width / layout.width;
  doc.save();
  doc.translate(place.x, place.y).scale(scale);
  doc.rect(0, 0, layout.width, layout.height).fill(layout.background);
  for (const s of layout.shapes) {
    if (s.kind === 'rect') doc.roundedRect(s.x, s.y, s.width, s.height, s.radius).fill(s.fill);
    else {
      doc.font(s.bold ? place.fonts.bold : place.fonts.regular).fontSize(s.size).fillColor(s.fill);
      drawLine(doc, s.text, s.bold, s.x, s.y, s.size, 'alphabetic');
    }
  }
  doc.restore();
}

/** One line at (x, y) in the current font, colour and size: one text call per run of one direction. */
function drawLine(doc: PDFKit.PDFDocument, text: string, bold: boolean, x: number, y: number, size: number, baseline: 'alphabetic' | 'top'): void {
  if (!hasRtl(text)) {
    doc.text(text, x, y, { lineBreak: false, baseline });
    return;
  }
  const line = shapeLine(text, bold);
  const k = size / line.unitsPerEm;
  for (let i = 0; i < line.pieces.length; ) {
    let j = i;
    while (j + 1 < line.pieces.length && line.pieces[j + 1]!.rtl === line.pieces[i]!.rtl) j++;
    const group = line.pieces.slice(i, j + 1);
    // A right-to-left group is listed left to right on the page; its logical text runs the other way. It is
    // shaped whole (features given), so that fontkit reverses it as one.
    const run = (group[0]!.rtl ? [...group].reverse() : group).map((p) => p.text).join('');
    if (run.trim()) doc.text(run, x + group[0]!.x * k, y, { lineBreak: false, baseline, ...(group[0]!.rtl ? { features: [] } : {}) });
    i = j + 1;
  }
}

/**
 * Text wrapped within `width` from (x, doc.y), in the current font at `size`, as `doc.text` would set it, but with
 * right-to-left runs in their right order. Leaves doc.y below the last line.
 */
export function bidiText(doc: PDFKit.PDFDocument, text: string, o: { x: number; width: number; size: number; bold: boolean; indent?: number }): void {
  const x = o.x + (o.indent ?? 0);
  const height = doc.currentLineHeight(true);
  for (const line of bidiLines(text, o.width - (o.indent ?? 0), o.size, o.bold)) {
    const top = doc.y;
    drawLine(doc, line, o.bold, x, top, o.size, 'top');
    doc.y = top + height;
  }
  doc.x = o.x;
}

/** The height bidiText would take, in the current font. */
export function bidiTextHeight(doc: PDFKit.PDFDocument, text: string, width: number, size: number, bold: boolean): number {
  return bidiLines(text, width, size, bold).length * doc.currentLineHeight(true);
}

const bidiLines = (text: string, width: number, size: number, bold: boolean): string[] =>
  fitLines(text, width, Number.MAX_SAFE_INTEGER, (t) => textWidth(t, size, bold));
