// Text that members write, and text cut to a platform's limit.
// - `clip`: the one way to shorten text. It cuts between grapheme clusters (Intl.Segmenter), never inside an
//   emoji, a surrogate pair or a combined character, and never inside an HTML entity such as &amp; (Slack).
// - `memberText` / `memberLine`: what a member typed, made safe to show as-is: Unicode NFKC, no zero-width or
//   bidirectional control characters, and no markdown link whose visible text differs from its target
//   (`[click here](https://evil.example)` becomes `click here (https://evil.example)`); a line has no line breaks.
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const ENTITY = /&(?:amp|lt|gt|quot|#\d{1,6});/g;

/** The pieces text may be cut between: grapheme clusters, with an HTML entity kept as one piece. */
function pieces(s: string): string[] {
  const out: string[] = [];
  let last = 0;
  const push = (part: string) => {
    for (const { segment } of segmenter.segment(part)) out.push(segment);
  };
  for (const m of s.matchAll(ENTITY)) {
    push(s.slice(last, m.index));
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  push(s.slice(last));
  return out;
}

/** At most `max` UTF-16 units: whole graphemes, then `marker` ("…" by default) when something was cut. */
export function clip(s: string, max: number, marker = '…'): string {
  if (s.length <= max) return s;
  const room = max - marker.length;
  let out = '';
  for (const piece of pieces(s)) {
    if (out.length + piece.length > room) break;
    out += piece;
  }
  return out + marker;
}

/** The first grapheme-safe piece of `s` of at most `max` units (at least one grapheme, for splitting loops). */
export function head(s: string, max: number): string {
  const cut = clip(s, max, '');
  return cut || (pieces(s)[0] ?? '');
}

// Zero-width characters (ZWSP, ZWNJ, ZWJ outside emoji, word joiner, BOM, soft hyphen) and bidirectional controls.
const INVISIBLE = /[\u00AD\u180E\u200B\u200C\u2060-\u2064\uFEFF]/g;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Control characters (terminal escapes, bell, backspace, DEL, C1), but not tab or line breaks. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINK = /\[([^\]]*)\]\(\s*([^)\s]*)\s*\)/g;

/** A member's text (comments, event details): normalised, invisible and bidi controls removed, links unmasked. */
export function memberText(s: string): string {
  const text = s
    .normalize('NFKC')
    .replace(BIDI, '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(CONTROL, '')
    .replace(/[^\S\n]+/g, ' ');
  return stripInvisible(text)
    .replace(LINK, (_, label: string, url: string) => (label.trim() && label.trim() !== url ? `${label.trim()} (${url})` : url))
    .replace(/\]\(/g, '] (')
    .trim();
}

/** A member's one-line text (poll questions and options): as memberText, with every line break made a space. */
export function memberLine(s: string): string {
  return memberText(s).replace(/\s*\n\s*/g, ' ');
}

/** ZWJ is kept only inside an emoji sequence (👩‍⚕️), where it joins two pictographs. */
function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\u200D/g, (zwj, i: number, all: string) => (/\p{Extended_Pictographic}/u.test(all.slice(Math.max(0, i - 2), i)) && /^\p{Extended_Pictographic}/u.test(all.slice(i + 1)) ? zwj : ''));
}
