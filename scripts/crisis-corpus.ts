// The crisis model's training corpus: every data/safety/train/*.json file (same shape as
// test/crisis/heldout2.json) and the development set (test/crisis/devset.ts), in a fixed order. The held-out and
// validation sets (test/crisis/heldout2.json, and any later fresh set) are never read here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CRISIS, ORDINARY } from '../test/crisis/devset.js';

export interface Labelled {
  text: string;
  crisis: boolean;
  /** Where it came from and, for crisis messages, who is at risk and in which language. */
  source: string;
  person?: 'first' | 'third';
  lang?: 'en' | 'es';
}
interface SetFile {
  crisis: { text: string; person?: 'first' | 'third'; lang?: 'en' | 'es' }[];
  ordinary: { text: string }[];
}

export const TRAIN_DIR = join(import.meta.dirname, '..', 'data', 'safety', 'train');

export function corpus(): Labelled[] {
  const out: Labelled[] = [];
  for (const file of readdirSync(TRAIN_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const set = JSON.parse(readFileSync(join(TRAIN_DIR, file), 'utf8')) as SetFile;
    for (const c of set.crisis) out.push({ text: c.text, crisis: true, source: file, person: c.person, lang: c.lang });
    for (const o of set.ordinary) out.push({ text: o.text, crisis: false, source: file });
  }
  for (const c of CRISIS) out.push({ text: c.text, crisis: true, source: 'devset', person: c.person, lang: c.lang });
  for (const o of ORDINARY) out.push({ text: o.text, crisis: false, source: 'devset' });
  // The same text twice (with one label) would count twice; with both labels it is a mistake worth seeing.
  const seen = new Map<string, boolean>();
  return out.filter((l) => {
    const key = l.text.trim().toLowerCase();
    const before = seen.get(key);
    if (before !== undefined && before !== l.crisis) throw new Error(`labelled both ways: ${l.text}`);
    seen.set(key, l.crisis);
    return before === undefined;
  });
}
