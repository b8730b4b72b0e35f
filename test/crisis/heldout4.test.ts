// The fourth held-out set (heldout4.json, 178 crisis / 173 ordinary): written by someone who saw none of the code,
// the training data or the other sets, copied in only after the round-3 detector was merged, measured once and
// never used for tuning. It asserts only the floors met on that one run; figures and every miss print on each run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/services/safety/index.js';

interface HeldOut {
  crisis: { text: string; family: string | number; person: string; lang: string }[];
  ordinary: { text: string; note: string }[];
}
const set = JSON.parse(readFileSync(join(import.meta.dirname, 'heldout4.json'), 'utf8')) as HeldOut;

/** Measured once: 172/178 = 96.6 % recall, 8/173 = 4.6 % false alarms (the round before: 94.4 % / 5.8 %). */
const RECALL_FLOOR = 172;
const FALSE_ALARM_CEILING = 8;

describe('crisis detector, fourth held-out set', () => {
  it('recall and false alarms on messages never used for tuning', () => {
    const missed = set.crisis.filter((c) => !detect(c.text).crisis);
    const flagged = set.ordinary.filter((o) => detect(o.text).crisis);
    console.log(
      `crisis held-out set 4: recall ${set.crisis.length - missed.length}/${set.crisis.length}; false alarms ${flagged.length}/${set.ordinary.length}` +
        missed.map((m) => `\n  missed [${m.family}/${m.person}/${m.lang}] ${m.text}`).join('') +
        flagged.map((f) => `\n  flagged [${f.note}] ${f.text}`).join(''),
    );
    expect(set.crisis.length - missed.length).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(flagged.length).toBeLessThanOrEqual(FALSE_ALARM_CEILING);
  });
});
