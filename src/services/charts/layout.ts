// The chart laid out, as plain shapes: the question as title, the response count and date under it, then one
// horizontal bar per option with its label above (wrapped to two lines at most) and its count and percent written
// directly at the bar's end. 800 units wide with 24-unit labels, so on a 360 px phone screen the text is still as
// large as the chat's own. The PNG (svg.ts) and the PDF report draw the same layout.
import { fitLines } from './labels.js';
import { drawable } from './font.js';
import type { ChartData } from './model.js';
import { BACKGROUND, INK, MUTED, TRACK, barColour } from './palette.js';
import { textWidth } from './shaping.js';

export const WIDTH = 800;
const PAD = 32;
const INNER = WIDTH - 2 * PAD;
const TITLE = { size: 30, line: 38, lines: 3 };
const SUB = { size: 21, line: 28, lines: 2 };
const LABEL = { size: 24, line: 30, lines: 2 };
const VALUE = { size: 24 };
const NOTE = { size: 19, line: 26, lines: 3 };
const BAR_H = 30;
const ROW_GAP = 20;
/** Room kept right of the longest bar for its "123 · 100%" label. */
const VALUE_ROOM = 170;

/** One line of text, `y` being its baseline. */
export interface TextShape {
  kind: 'text';
  x: number;
  y: number;
  size: number;
  bold: boolean;
  fill: string;
  text: string;
}

export interface RectShape {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  radius: number;
  fill: string;
}

export interface ChartLayout {
  width: number;
  height: number;
  background: string;
  shapes: (TextShape | RectShape)[];
}

export const valueLabel = (count: number, percent: number): string => `${count} · ${percent}%`;

export function chartLayout(data: ChartData): ChartLayout {
  const shapes: (TextShape | RectShape)[] = [];
  let y = PAD;
  const text = (x: number, baseline: number, size: number, s: string, o: { bold?: boolean; fill?: string }) =>
    shapes.push({ kind: 'text', x, y: baseline, size, bold: Boolean(o.bold), fill: o.fill ?? INK, text: s });
  const block = (s: string, spec: { size: number; line: number; lines: number }, o: { bold?: boolean; fill?: string } = {}) => {
    for (const line of fitLines(drawable(s, o.bold), INNER, spec.lines, (t) => textWidth(t, spec.size, o.bold))) {
      y += spec.line;
      text(PAD, y - (spec.line - spec.size) / 2 - 4, spec.size, line, o);
    }
  };
  block(data.title, TITLE, { bold: true });
  y += 4;
  block(data.subtitle, SUB, { fill: MUTED });
  y += 16;
  const track = INNER - VALUE_ROOM;
  const max = Math.max(1, ...data.rows.map((r) => r.percent));
  data.rows.forEach((row, i) => {
    y += ROW_GAP;
    block(row.label, LABEL);
    y += 6;
    const w = Math.max(row.count > 0 ? 4 : 0, Math.round((row.percent / max) * track));
    shapes.push({ kind: 'rect', x: PAD, y, width: track, height: BAR_H, radius: 4, fill: TRACK });
    if (w) shapes.push({ kind: 'rect', x: PAD, y, width: w, height: BAR_H, radius: 4, fill: barColour(i) });
    text(PAD + w + 12, y + BAR_H / 2 + VALUE.size * 0.36, VALUE.size, valueLabel(row.count, row.percent), { bold: true });
    y += BAR_H;
  });
  if (data.note) {
    y += 18;
    block(data.note, NOTE, { fill: MUTED });
  }
  return { width: WIDTH, height: Math.ceil(y + PAD), background: BACKGROUND, shapes };
}
