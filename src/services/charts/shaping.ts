// Text set in the shipped font, as the chart draws it: fontkit shapes it (Arabic joining, kerning, marks) and the
// Unicode bidirectional algorithm (bidi-js) orders right-to-left runs, so the chart carries glyph outlines and
// resvg never has to load a font (resvg-js 2.6 re-reads a font file from disk for every glyph it draws, which was
// most of a chart's cost). Measuring and drawing use the same shaping, so a line measured to fit is drawn as
// measured.
//
// A line is cut into pieces (runs of one direction, split after each space) and each piece is shaped once per
// process: labels repeat words, and fitting a label measures the same words many times. The cache is bounded.
import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import { type Face, face } from './font.js';

// bidi-js is a CommonJS module whose export is its factory.
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

/** A glyph placed on a line, in font units from the line's start (y up, as in the font). */
export interface PlacedGlyph {
  id: number;
  x: number;
  y: number;
}

/** One shaped piece of a line, drawn left to right at `x` (font units). */
export interface Piece {
  text: string;
  rtl: boolean;
  x: number;
  advance: number;
}

export interface ShapedLine {
  /** In visual order, left to right. */
  glyphs: PlacedGlyph[];
  /** In visual order; whitespace-only pieces are included (they take room). */
  pieces: Piece[];
  advance: number;
  /** Glyphs the font lacks (drawn as .notdef). */
  missing: number;
  unitsPerEm: number;
}

interface ShapedPiece {
  glyphs: PlacedGlyph[];
  advance: number;
  missing: number;
}

const CACHE_MAX = 5000;
const cache = new Map<string, ShapedPiece>();

/** Forgets every shaped piece (for tests: a cold cache must shape exactly as a warm one). */
export function clearShapeCache(): void {
  cache.clear();
}

export const shapeCacheSize = (): number => cache.size;

function shapePiece(f: Face, bold: boolean, text: string, rtl: boolean): ShapedPiece {
  const key = `${bold ? 'b' : 'r'}${rtl ? '<' : '>'}${text}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest entry is the first one dropped.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const run = f.layout(text, [], undefined, undefined, rtl ? 'rtl' : 'ltr');
  const glyphs: PlacedGlyph[] = [];
  let pen = 0;
  let missing = 0;
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    glyphs.push({ id: g.id, x: pen + p.xOffset, y: p.yOffset });
    if (g.id === 0) missing++;
    pen += p.xAdvance;
  });
  const shaped = { glyphs, advance: pen, missing };
  cache.set(key, shaped);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return shaped;
}

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko, …) or explicit RTL controls. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Whether `text` holds right-to-left script, i.e. needs the bidi algorithm to be laid out. */
export const hasRtl = (text: string): boolean => RTL.test(text);

interface Run {
  text: string;
  level: number;
}

/** The line in logical order, cut into runs of one embedding level, each split after its spaces. */
function runs(text: string): Run[] {
  if (!hasRtl(text)) return splitAfterSpaces(text).map((t) => ({ text: t, level: 0 }));
  const { levels } = bidi.getEmbeddingLevels(text, 'ltr');
  const mirrored = bidi.getMirroredCharactersMap(text, levels);
  const out: Run[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && levels[i] === levels[start]) continue;
    let part = '';
    for (let j = start; j < i; j++) part += mirrored.get(j) ?? text[j];
    for (const t of splitAfterSpaces(part)) out.push({ text: t, level: levels[start]! });
    start = i;
  }
  return out;
}

function splitAfterSpaces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Rule L2 of the bidi algorithm: from the highest level down to the lowest odd one, reverse runs at or above it. */
function visualOrder<T extends { level: number }>(items: T[]): T[] {
  const out = [...items];
  const max = Math.max(0, ...out.map((r) => r.level));
  const minOdd = Math.min(...out.map((r) => r.level).filter((l) => l % 2 === 1), Infinity);
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < out.length; i++) {
      if (out[i]!.level < level) continue;
      let j = i;
      while (j + 1 < out.length && out[j + 1]!.level >= level) j++;
      out.splice(i, j - i + 1, ...out.slice(i, j + 1).reverse());
      i = j;
    }
  }
  return out;
}

/** The line shaped and ordered for drawing. */
export function shapeLine(text: string, bold = false): ShapedLine {
  const f = face(bold);
  const ordered = visualOrder(runs(text)).map((r) => ({ ...r, shaped: shapePiece(f, bold, r.text, r.level % 2 === 1) }));
  const glyphs: PlacedGlyph[] = [];
  const pieces: Piece[] = [];
  let pen = 0;
  let missing = 0;
  for (const r of ordered) {
    for (const g of r.shaped.glyphs) glyphs.push({ id: g.id, x: pen + g.x, y: g.y });
    pieces.push({ text: r.text, rtl: r.level % 2 === 1, x: pen, advance: r.shaped.advance });
    pen += r.shaped.advance;
    missing += r.shaped.missing;
  }
  return { glyphs, pieces, advance: pen, missing, unitsPerEm: f.unitsPerEm };
}

/** The width in pixels of `text` set at `size` px (missing glyphs count as one em). */
export function textWidth(text: string, size: number, bold = false): number {
  const f = face(bold);
  let advance = 0;
  let missing = 0;
  for (const r of runs(text)) {
    const s = shapePiece(f, bold, r.text, r.level % 2 === 1);
    advance += s.advance;
    missing += s.missing;
  }
  return ((advance + missing * f.unitsPerEm * 0.4) / f.unitsPerEm) * size;
}

const outlines = new Map<string, string>();

/** A glyph's outline as SVG path data in font units (y up); '' for a blank glyph such as a space. */
export function glyphOutline(bold: boolean, id: number): string {
  const key = `${bold ? 'b' : 'r'}${id}`;
  let d = outlines.get(key);
  if (d === undefined) outlines.set(key, (d = face(bold).getGlyph(id).path.toSVG()));
  return d;
}
