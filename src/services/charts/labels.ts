// Fitting text into a box: words wrap onto lines; a word longer than a line breaks between graphemes; text
// beyond the last line is cut and marked with "…". Cuts are made only between grapheme clusters
// (Intl.Segmenter), so an emoji family, a flag or a letter with its combining marks is never split.

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export const MARKER = '…';

export const graphemes = (s: string): string[] => Array.from(graphemeSegmenter.segment(s), (g) => g.segment);

/** Words with the spaces that follow them, so joining the pieces gives the text back. */
function pieces(s: string): string[] {
  const out: string[] = [];
  for (const { segment, isWordLike } of wordSegmenter.segment(s)) {
    if (!isWordLike && /^\s+$/.test(segment) && out.length) out[out.length - 1] += segment;
    else out.push(segment);
  }
  return out;
}

/** The longest grapheme prefix of `s` (plus `suffix`) that measures at most `max`. */
function prefixFitting(s: string, max: number, measure: (t: string) => number, suffix = ''): string {
  const gs = graphemes(s);
  let lo = 0;
  let hi = gs.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(gs.slice(0, mid).join('') + suffix) <= max) lo = mid;
    else hi = mid - 1;
  }
  return gs.slice(0, lo).join('');
}

/**
 * Lays `text` out in at most `maxLines` lines of at most `maxWidth` (as `measure` says). The last line ends
 * with MARKER when text was left out. Whitespace runs (and line breaks) become single spaces.
 */
export function fitLines(text: string, maxWidth: number, maxLines: number, measure: (t: string) => number): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  let line = '';
  const queue = pieces(clean);
  while (queue.length) {
    const piece = queue.shift()!;
    if (measure((line + piece).trimEnd()) <= maxWidth) {
      line += piece;
      continue;
    }
    if (line) {
      lines.push(line.trimEnd());
      line = '';
      queue.unshift(piece.trimStart());
      if (lines.length === maxLines) break;
      continue;
    }
    // One word wider than a whole line: break it between graphemes.
    const head = prefixFitting(piece, maxWidth, measure) || graphemes(piece)[0]!;
    lines.push(head);
    queue.unshift(piece.slice(head.length));
    if (lines.length === maxLines) break;
  }
  const rest = [line, ...queue].join('').trim();
  if (lines.length < maxLines) {
    if (rest) lines.push(rest);
    return lines;
  }
  if (!rest) return lines;
  // Text is left over: the last line gets as much as fits with the marker.
  const last = `${lines.pop()!} ${rest}`;
  lines.push(prefixFitting(last, maxWidth, measure, MARKER).trimEnd() + MARKER);
  return lines;
}

/** Cuts `s` to at most `max` code units, between graphemes, ending with MARKER when cut. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const g of graphemes(s)) {
    if (out.length + g.length > max - MARKER.length) break;
    out += g;
  }
  return out.trimEnd() + MARKER;
}
