// The chart as SVG, built by hand from its layout. Text is drawn as the shipped font's glyph outlines (shaping.ts):
// each glyph used is defined once and placed with <use>, so the SVG needs no font to render. Its <title> is the
// alt text, for anyone who opens the SVG itself.
import { altText } from './alt.js';
import { type ChartLayout, type TextShape, chartLayout } from './layout.js';
import type { ChartData } from './model.js';
import { glyphOutline, shapeLine } from './shaping.js';

export { WIDTH, valueLabel } from './layout.js';

const esc = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const num = (n: number): string => String(Math.round(n * 100) / 100);

function textSvg(t: TextShape, used: Set<string>): string {
  const line = shapeLine(t.text, t.bold);
  const k = t.size / line.unitsPerEm;
  let uses = '';
  for (const g of line.glyphs) {
    const id = `${t.bold ? 'b' : 'r'}${g.id}`;
    if (!glyphOutline(t.bold, g.id)) continue;
    used.add(id);
    uses += `<use href="#${id}" x="${num(g.x)}"${g.y ? ` y="${num(-g.y)}"` : ''}/>`;
  }
  return `<g fill="${t.fill}" transform="translate(${num(t.x)} ${num(t.y)}) scale(${k} ${-k})">${uses}</g>`;
}

export function layoutSvg(layout: ChartLayout, title: string): string {
  const used = new Set<string>();
  const body = layout.shapes
    .map((s) => (s.kind === 'rect' ? `<rect x="${num(s.x)}" y="${num(s.y)}" width="${num(s.width)}" height="${num(s.height)}" rx="${s.radius}" fill="${s.fill}"/>` : textSvg(s, used)))
    .join('');
  const defs = [...used].map((id) => `<path id="${id}" d="${glyphOutline(id[0] === 'b', Number(id.slice(1)))}"/>`).join('');
  const { width, height } = layout;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${esc(title)}</title><defs>${defs}</defs><rect width="100%" height="100%" fill="${layout.background}"/>${body}</svg>`
  );
}

export function chartSvg(data: ChartData): { svg: string; width: number; height: number; layout: ChartLayout } {
  const layout = chartLayout(data);
  return { svg: layoutSvg(layout, altText(data)), width: layout.width, height: layout.height, layout };
}
