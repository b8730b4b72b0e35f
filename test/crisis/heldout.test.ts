// The held-out evaluation: messages written by another engineer who never saw the detector (heldout.json),
// opened only after the detector was finished and committed, measured once, never used for tuning.
// It asserts only floors the detector met on that one run; the figures are printed on every run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/services/safety/index.js';

interface HeldOut {
  crisis: { text: string; family: string; person: string; lang: string }[];
  ordinary: { text: string; note: string }[];
}
const set = JSON.parse(readFileSync(join(import.meta.dirname, 'heldout1.json'), 'utf8')) as HeldOut;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;

/** Floors met on the one measured run (see the README); never raised by tuning on these items. */
const RECALL_FLOOR = 0.64; // measured once: 56/87 = 64.4 %
const FALSE_ALARM_CEILING = 0.035; // measured once: 3/87 = 3.4 %

describe('crisis detector, held-out set', () => {
  it('recall and false alarms on messages never used for tuning', () => {
    const missed = set.crisis.filter((c) => !detect(c.text).crisis);
    const flagged = set.ordinary.filter((o) => detect(o.text).crisis);
    const recall = (set.crisis.length - missed.length) / set.crisis.length;
    const falseAlarms = flagged.length / set.ordinary.length;
    const families = new Map<string, [number, number]>();
    for (const c of set.crisis) {
      const f = families.get(c.family) ?? [0, 0];
      f[1]++;
      if (detect(c.text).crisis) f[0]++;
      families.set(c.family, f);
    }
    console.log(
      `crisis held-out set: recall ${pct(set.crisis.length - missed.length, set.crisis.length)} (${set.crisis.length - missed.length}/${set.crisis.length}); ` +
        `false alarms ${pct(flagged.length, set.ordinary.length)} (${flagged.length}/${set.ordinary.length}); ` +
        `${[...families].map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', ')}` +
        `${missed.map((m) => `\n  missed [${m.family}/${m.person}/${m.lang}] ${m.text}`).join('')}` +
        `${flagged.map((f) => `\n  flagged [${f.note}] ${f.text}`).join('')}`,
    );
    expect(set.crisis.length).toBeGreaterThanOrEqual(60);
    expect(set.ordinary.length).toBeGreaterThanOrEqual(60);
    expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(falseAlarms).toBeLessThanOrEqual(FALSE_ALARM_CEILING);
  });
});
