// The held-out evaluation: messages written by someone else, by a different method, who never saw the detector
// (heldout2.json, 120 crisis / 114 ordinary), copied in only after the detector was finished and committed,
// measured once and never used for tuning. (The first held-out set, heldout1.json, has been studied and is now part
// of the development set.) It asserts only floors the detector met on that one run; figures print on every run.
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

/** Floors met on the one measured run (see the README); never raised by tuning on these items. */
const RECALL_FLOOR = 0.958; // rules + model: 115/120 = 95.8 % (rules alone: 98/120 = 81.7 %; before them 73/120 = 60.8 %)
const FALSE_ALARM_CEILING = 0.018; // rules + model: 2/114 = 1.8 % (rules alone: 5/114 = 4.4 %; before them 6/114 = 5.3 %)

describe('crisis detector, fresh held-out set', () => {
  it('recall and false alarms on messages never used for tuning', () => {
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
      `crisis held-out set 2: recall ${pct(set.crisis.length - missed.length, set.crisis.length)} (${set.crisis.length - missed.length}/${set.crisis.length}); ` +
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
