// The crisis detector's evaluation: 100 % recall on the development set and at most 2 % false alarms on ordinary
// member messages that a naive word list would flag. Prints the figures by family.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/services/safety/index.js';
import { CRISIS, ORDINARY } from './devset.js';

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;

describe('crisis detector, development set', () => {
  it(`catches every one of the ${CRISIS.length} crisis messages (100 % recall)`, () => {
    expect(CRISIS.length).toBeGreaterThanOrEqual(200);
    const families = new Map<string, { n: number; hit: number }>();
    const missed: string[] = [];
    for (const c of CRISIS) {
      const f = families.get(c.family) ?? { n: 0, hit: 0 };
      f.n++;
      if (detect(c.text).crisis) f.hit++;
      else missed.push(`[${c.family}] ${c.text}`);
      families.set(c.family, f);
    }
    console.log(`crisis dev set: recall ${pct(CRISIS.length - missed.length, CRISIS.length)} (${CRISIS.length - missed.length}/${CRISIS.length}); ${[...families].map(([k, f]) => `${k} ${f.hit}/${f.n}`).join(', ')}`);
    expect(families.size).toBe(10);
    expect(missed).toEqual([]);
  });

  it('tells first from third person and English from Spanish, so the member gets the right message', () => {
    const wrong = CRISIS.map((c) => ({ c, v: detect(c.text) })).filter(({ c, v }) => v.person !== c.person || v.lang !== c.lang);
    console.log(`crisis dev set: right person and language for ${pct(CRISIS.length - wrong.length, CRISIS.length)}`);
    expect(wrong.map(({ c, v }) => `${c.text} → ${v.person}/${v.lang}`)).toEqual([]);
  });

  it(`flags at most 2 % of the ${ORDINARY.length} ordinary messages`, () => {
    expect(ORDINARY.length).toBeGreaterThanOrEqual(200);
    const flagged = ORDINARY.filter((o) => detect(o.text).crisis);
    console.log(`crisis dev set: false alarms ${pct(flagged.length, ORDINARY.length)} (${flagged.length}/${ORDINARY.length})${flagged.map((f) => `\n  [${f.note}] ${f.text}`).join('')}`);
    expect(flagged.length / ORDINARY.length).toBeLessThanOrEqual(0.02);
  });

  it('reads text the way phones and tired people write it', () => {
    for (const text of ['I\u2019M GOING TO KILL MYSELF', 'k i l l  m y s e l f', 'i want to k1ll mys3lf', 'i want to diiiie', 'killmyself', 'ｉ ｗａｎｔ ｔｏ ｄｉｅ', 'i want 2 die', 's.u.i.c.i.d.e']) {
      expect(detect(text).crisis, text).toBe(true);
    }
  });
});
