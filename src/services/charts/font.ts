// The chart's font: DejaVu Sans (regular and bold), shipped by the `dejavu-fonts-ttf` npm package (free licence,
// see its LICENSE), so every machine draws and measures text alike. It covers Latin, Greek, Cyrillic, Hebrew and
// Arabic; a character it lacks (e.g. colour emoji) is measured as a full em so labels still fit.
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

export const FONT_FAMILY = 'DejaVu Sans';
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

type Face = { unitsPerEm: number; layout(text: string): { advanceWidth: number; glyphs: { id: number }[] } };
const faces = new Map<string, Face>();

function face(bold: boolean): Face {
  const path = bold ? FONT_FILES.bold : FONT_FILES.regular;
  let f = faces.get(path);
  if (!f) faces.set(path, (f = fontkit.openSync(path) as unknown as Face));
  return f;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const TOFU = '\u25a1';

/**
 * The text as the font can draw it: a grapheme with a character the font lacks (an emoji, a script it does not
 * cover) becomes one white square, instead of overlapping empty boxes.
 */
export function drawable(text: string, bold = false): string {
  const f = face(bold);
  if (!f.layout(text).glyphs.some((g) => g.id === 0)) return text;
  let out = '';
  for (const { segment } of segmenter.segment(text)) out += /^\s+$/.test(segment) || !f.layout(segment).glyphs.some((g) => g.id === 0) ? segment : TOFU;
  return out;
}

/** The width in pixels of `text` set at `size` px (missing glyphs count as one em). */
export function textWidth(text: string, size: number, bold = false): number {
  const f = face(bold);
  const run = f.layout(text);
  const missing = run.glyphs.filter((g) => g.id === 0).length;
  return ((run.advanceWidth + missing * f.unitsPerEm * 0.4) / f.unitsPerEm) * size;
}
