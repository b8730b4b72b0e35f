// Held-out set 2 (heldout2.json, 120 crisis / 114 ordinary), written by someone else who never saw the detector. It
// was scored once, honestly (rules + model: 115/120 recall, 2/114 false alarms), and is NOW IN THE TRAINING CORPUS
// (scripts/crisis-corpus.ts), so what it measures here is fit to training data, not generalisation: the fresh-set
// figures are in the README. The floors are what it measures with the model trained on it; figures print each run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/services/safety/index.js';

interface HeldOut {
  crisis: { text: string; family: string | number; person: string; lang: string }[];
  ordinary: { text: string; note: string }[];
}
const set = JSON.parse(readFileSync(join(import.meta.dirname, 'heldout2.json'), 'utf8')) as HeldOut;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;

/** Floors as measured with the set in training (the honest once-only score was 115/120 and 2/114, see the README). */
const RECALL_FLOOR = 0.99; // trained on: 119/120 = 99.2 %
const FALSE_ALARM_CEILING = 0.009; // trained on: 1/114 = 0.9 %

describe('crisis detector, held-out set 2 (scored once, now trained on)', () => {
  it('recall and false alarms on a set now in the training corpus', () => {
    const missed = set.crisis.filter((c) => !detect(c.text).crisis);
    const flagged = set.ordinary.filter((o) => detect(o.text).crisis);
    const recall = (set.crisis.length - missed.length) / set.crisis.length;
    const falseAlarms = flagged.length / set.ordinary.length;
    const families = new Map<string, [number, number]>();
    for (const c of set.crisis) {
      const f = families.get(String(c.family)) ?? [0, 0];
      f[1]++;
      if (detect(c.text).crisis) f[0]++;
      families.set(String(c.family), f);
    }
    const notes = new Map<string, [number, number]>();
    for (const o of set.ordinary) {
      const n = notes.get(o.note) ?? [0, 0];
      n[1]++;
      if (detect(o.text).crisis) n[0]++;
      notes.set(o.note, n);
    }
    console.log(
      `crisis held-out set 2 (trained on): recall ${pct(set.crisis.length - missed.length, set.crisis.length)} (${set.crisis.length - missed.length}/${set.crisis.length}); ` +
        `false alarms ${pct(flagged.length, set.ordinary.length)} (${flagged.length}/${set.ordinary.length})` +
        `\n  recall by family: ${[...families].map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', ')}` +
        `\n  false alarms by kind: ${[...notes].map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', ')}` +
        `${missed.map((m) => `\n  missed [${m.family}/${m.person}/${m.lang}] ${m.text}`).join('')}` +
        `${flagged.map((f) => `\n  flagged [${f.note}] ${f.text}`).join('')}`,
    );
    expect(set.crisis.length).toBeGreaterThanOrEqual(100);
    expect(set.ordinary.length).toBeGreaterThanOrEqual(100);
    expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(falseAlarms).toBeLessThanOrEqual(FALSE_ALARM_CEILING);
  });
});
