// Splits one typed line (a Slack slash command's `text`, a console line) into words.
// Double quotes group words ("like this", and the curly “ ” that phones type); a backslash escapes a quote or
// a backslash. Single quotes are apostrophes in members' own words ('cause, can't), so they never group.

export interface Token {
  value: string;
  /** True when the word was written in quotes: it is never taken as a flag or a subcommand. */
  quoted: boolean;
}

const OPENERS: Record<string, string> = { '"': '"', '“': '”', '”': '”' };

export class TokenizeError extends Error {}

/**
 * With `lenient`, a quote that is never closed is read as an ordinary character instead of an error.
 */
export function tokenize(input: string, opts: { lenient?: boolean } = {}): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let quoted = false;
  let inWord = false;
  let closer: string | null = null;
  let openedAt = -1;

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
      openedAt = i;
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
  if (closer !== null) {
    if (!opts.lenient) throw new TokenizeError('a quote was opened but not closed');
    // Read the line again with that quote escaped; each pass escapes one more, so this ends.
    return tokenize(`${input.slice(0, openedAt)}\\${input.slice(openedAt)}`, opts);
  }
  push();
  return tokens;
}

