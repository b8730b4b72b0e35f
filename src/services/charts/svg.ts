// The chart as SVG, built by hand: the question as title, the response count and date under it, then one
// horizontal bar per option with its label above (wrapped to two lines at most) and its count and percent
// written directly at the bar's end. 800 px wide with 24 px labels, so on a 360 px phone screen the text is
// still as large as the chat's own.
import { fitLines } from './labels.js';
import { FONT_FAMILY, drawable, textWidth } from './font.js';
import type { ChartData } from './model.js';
import { BACKGROUND, INK, MUTED, TRACK, barColour } from './palette.js';

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

const esc = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const text = (x: number, y: number, size: number, s: string, o: { bold?: boolean; fill?: string } = {}) =>
  `<text x="${x}" y="${y}" font-size="${size}"${o.bold ? ' font-weight="bold"' : ''} fill="${o.fill ?? INK}">${esc(s)}</text>`;

export const valueLabel = (count: number, percent: number): string => `${count} · ${percent}%`;

export function chartSvg(data: ChartData): { svg: string; width: number; height: number } {
  const parts: string[] = [];
  let y = PAD;
  const block = (s: string, spec: { size: number; line: number; lines: number }, o: { bold?: boolean; fill?: string } = {}) => {
    for (const line of fitLines(drawable(s, o.bold), INNER, spec.lines, (t) => textWidth(t, spec.size, o.bold))) {
      y += spec.line;
      parts.push(text(PAD, y - (spec.line - spec.size) / 2 - 4, spec.size, line, o));
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
    parts.push(`<rect x="${PAD}" y="${y}" width="${track}" height="${BAR_H}" rx="4" fill="${TRACK}"/>`);
    if (w) parts.push(`<rect x="${PAD}" y="${y}" width="${w}" height="${BAR_H}" rx="4" fill="${barColour(i)}"/>`);
    parts.push(text(PAD + w + 12, y + BAR_H / 2 + VALUE.size * 0.36, VALUE.size, valueLabel(row.count, row.percent), { bold: true }));
    y += BAR_H;
  });
  if (data.note) {
    y += 18;
    block(data.note, NOTE, { fill: MUTED });
  }
  const height = Math.ceil(y + PAD);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT_FAMILY}">` +
    `<rect width="100%" height="100%" fill="${BACKGROUND}"/>${parts.join('')}</svg>`;
  return { svg, width: WIDTH, height };
}
