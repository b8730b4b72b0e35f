// The crisis model's training corpus: every data/safety/train/*.json file (same shape as
// test/crisis/heldout2.json), the held-out sets already scored once and now studied (test/crisis/heldout2.json;
// held-out set 3 is data/safety/train/heldout3.json) and the development set (test/crisis/devset.ts), in a fixed
// order. A fresh held-out set is never read here until it has been scored once.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
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

/** Held-out sets that were scored once and have since been trained on. */
const STUDIED = [join(import.meta.dirname, '..', 'test', 'crisis', 'heldout2.json')];

export function corpus(): Labelled[] {
  const out: Labelled[] = [];
  const files = readdirSync(TRAIN_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(TRAIN_DIR, f));
  for (const path of [...files, ...STUDIED]) {
    const file = basename(path);
    const set = JSON.parse(readFileSync(path, 'utf8')) as SetFile;
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
