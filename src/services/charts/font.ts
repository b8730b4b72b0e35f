// The chart's font: DejaVu Sans (regular and bold), shipped by the `dejavu-fonts-ttf` npm package (free licence,
// see its LICENSE), so every machine draws and measures text alike. It covers Latin, Greek, Cyrillic, Hebrew and
// Arabic; a character it lacks (e.g. colour emoji) is drawn as a white square and measured as a full em.
// The faces are parsed once per process (fontkit); the PDF report embeds the same files from one cached buffer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

export const FONT_FAMILY = 'DejaVu Sans';
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

export type Face = fontkit.Font;
const faces = new Map<boolean, Face>();
const buffers = new Map<boolean, Buffer>();

/** The parsed face, opened on first use and kept for the process. */
export function face(bold: boolean): Face {
  let f = faces.get(bold);
  if (!f) faces.set(bold, (f = fontkit.create(fontBuffer(bold)) as Face));
  return f;
}

/** The font file's bytes, read once (pdfkit embeds them from here). */
export function fontBuffer(bold: boolean): Buffer {
  let b = buffers.get(bold);
  if (!b) buffers.set(bold, (b = readFileSync(bold ? FONT_FILES.bold : FONT_FILES.regular)));
  return b;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const TOFU = '\u25a1';

const missesGlyph = (f: Face, text: string): boolean => f.layout(text).glyphs.some((g) => g.id === 0);

/**
 * The text as the font can draw it: a grapheme with a character the font lacks (an emoji, a script it does not
 * cover) becomes one white square, instead of overlapping empty boxes.
 */
export function drawable(text: string, bold = false): string {
  const f = face(bold);
  // Fast path: every code point is in the font's character map (no shaping needed to know it is drawable).
  let all = true;
  for (const ch of text) {
    if (!f.hasGlyphForCodePoint(ch.codePointAt(0)!)) {
      all = false;
      break;
    }
  }
  if (all || !missesGlyph(f, text)) return text;
  let out = '';
  for (const { segment } of segmenter.segment(text)) out += /^\s+$/.test(segment) || !missesGlyph(f, segment) ? segment : TOFU;
  return out;
}
