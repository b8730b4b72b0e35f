// The chart drawn into a PDF (pdfkit) as vectors: the same layout as the PNG, with bars as rectangles and text as
// real text in the document's embedded DejaVu Sans, so it stays sharp when printed and nothing is rasterised.
// Right-to-left runs are placed where the chart's own bidi ordering puts them (shaping.ts).
import type { ChartLayout, TextShape } from './layout.js';
import { shapeLine } from './shaping.js';

export interface PdfChartPlace {
  x: number;
  y: number;
  /** Width in points; the height follows the layout's proportions. */
  width: number;
  /** Names under which the document registered DejaVu Sans regular and bold. */
  fonts: { regular: string; bold: string };
}

export function drawChartPdf(doc: PDFKit.PDFDocument, layout: ChartLayout, place: PdfChartPlace): void {
  const scale = place.width / layout.width;
  doc.save();
  doc.translate(place.x, place.y).scale(scale);
  doc.rect(0, 0, layout.width, layout.height).fill(layout.background);
  for (const s of layout.shapes) {
    if (s.kind === 'rect') doc.roundedRect(s.x, s.y, s.width, s.height, s.radius).fill(s.fill);
    else text(doc, s, place.fonts);
  }
  doc.restore();
}

/** One text call per run of one direction: pdfkit (fontkit) shapes and orders within the run as shaping.ts did. */
function text(doc: PDFKit.PDFDocument, t: TextShape, fonts: PdfChartPlace['fonts']): void {
  const line = shapeLine(t.text, t.bold);
  const k = t.size / line.unitsPerEm;
  doc.font(t.bold ? fonts.bold : fonts.regular).fontSize(t.size).fillColor(t.fill);
  for (let i = 0; i < line.pieces.length; ) {
    let j = i;
    while (j + 1 < line.pieces.length && line.pieces[j + 1]!.rtl === line.pieces[i]!.rtl) j++;
    const group = line.pieces.slice(i, j + 1);
    // A right-to-left group is listed left to right on the page; its logical text runs the other way.
    const run = (group[0]!.rtl ? [...group].reverse() : group).map((p) => p.text).join('');
    // pdfkit shapes text word by word in logical order unless features are given; a right-to-left run is shaped
    // whole (features: []) so that fontkit reverses it as one.
    if (run.trim()) doc.text(run, t.x + group[0]!.x * k, t.y, { lineBreak: false, baseline: 'alphabetic', ...(group[0]!.rtl ? { features: [] } : {}) });
    i = j + 1;
  }
}
