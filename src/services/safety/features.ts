// What the learned crisis model sees of a message: the canonical text (normalise.ts) with idioms and plain
// negations replaced by marker words (context.ts), as word stems (stemmer: end/ending/ended → end), neighbouring stem pairs within a
// clause ("want die", "not wake"), and character 3- to 5-grams of each word (typos and slang the stems miss:
// "suicdal", "unaliv"). Each present feature counts once; the vector is scaled to unit length so that long messages
// and short ones score alike. The rules' own verdict is a feature too (which layer heard it, which family), so the
// model learns when a rule hit is a crisis and when it is a story of recovery or a training question.
import { stemmer } from 'stemmer';
import { IDIOMS, NEGATIONS, mark } from './context.js';
import { normalise } from './normalise.js';

/**
 * The text the model reads: the canonical text the rules read, with each idiom and each plain negation replaced by a
 * marker word (xidiom, xneg) rather than blanked, so that the model learns what a vetoed phrase leaves behind ("i do
 * not want to die, i just want this week over" is not "i just want this week over").
 */
export const modelRead = (canonical: string): string => mark(mark(canonical, IDIOMS, 'xidiom'), NEGATIONS, 'xneg');
export const modelText = (raw: string): string => modelRead(normalise(raw));

/** What the rules said, as the model's features: nothing when they did not fire. */
export interface RuleSaid {
  crisis: boolean;
  layer?: string;
  families: string[];
}

/** The features of a model text and the rules' verdict on it, each once, in first-seen order. */
export function features(text: string, said?: RuleSaid): string[] {
  const out = new Set<string>();
  if (said?.crisis) {
    out.add(`r:${said.layer}`);
    for (const family of said.families) out.add(`r:${said.layer}:${family}`);
  }
  for (const clause of text.split(' . ')) {
    const words = clause.split(' ').filter((w) => /^[a-z0-9]+$/.test(w));
    const stems = words.map((w) => stemmer(w));
    for (const [i, s] of stems.entries()) {
      out.add(`w:${s}`);
      if (i > 0) out.add(`b:${stems[i - 1]} ${s}`);
    }
    for (const w of words) {
      const padded = `<${w}>`;
      for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) out.add(`c:${padded.slice(i, i + n)}`);
    }
  }
  return [...out];
}
