// Splits one typed line (a Slack slash command's `text`, a console line) into words.
// "double" and 'single' quotes group words; a backslash escapes the next character inside or outside
// quotes; curly quotes (“ ” ‘ ’) from phones count as straight ones.

export interface Token {
  value: string;
  /** True when the word was written in quotes: it is never taken as a flag or a subcommand. */
  quoted: boolean;
}

const OPENERS: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '‘': '’', '’': '’' };

export class TokenizeError extends Error {}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let quoted = false;
  let inWord = false;
  let closer: string | null = null;

  const push = () => {
    if (inWord) tokens.push({ value: current, quoted });
    current = '';
    quoted = false;
    inWord = false;
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '\\' && i + 1 < input.length) {
      const next = input[i + 1]!;
      // Only quotes and backslashes are escapable; elsewhere the backslash stays (Windows paths, emoticons).
      if (next === '\\' || next in OPENERS || next === closer) {
        current += next;
        inWord = true;
        i++;
        continue;
      }
    }
    if (closer !== null) {
      if (ch === closer || (closer === '"' && ch === '”') || (closer === '”' && ch === '"')) closer = null;
      else current += ch;
      continue;
    }
    if (ch in OPENERS && (!inWord || current === '')) {
      closer = OPENERS[ch]!;
      quoted = true;
      inWord = true;
      continue;
    }
    if (/\s/.test(ch)) {
      push();
      continue;
    }
    current += ch;
    inWord = true;
  }
  if (closer !== null) throw new TokenizeError('a quote was opened but not closed');
  push();
  return tokens;
}
