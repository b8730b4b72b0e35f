// The fourth fresh held-out set (test/knowledge/heldout4.json): 141 questions written by a helper who read only the
// knowledge files (not their phrasings) and the facts reference, never the matcher or the other sets; copied in
// only after round 3 of the matcher was merged, run once, never used for tuning the matcher (its questions are now
// ordinary examples in the crisis model's training data). Labels: an entry id, UNSURE or ASK.
// Printed as right / not sure or ask-back / wrong (evaluateHeldOut); the floors asserted are those of that one run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeService } from '../../src/services/knowledge/index.js';
import { evaluateHeldOut, knowledgeAt, questionFile, summary, unknownLabels } from './evaluate.js';

const HELD = questionFile('test/knowledge/heldout4.json');

let k: KnowledgeService;
let close: () => Promise<void>;
beforeAll(async () => void ({ k, close } = await knowledgeAt('2026-12-02T15:00:00Z')));
afterAll(() => close());

describe('certification Q&A: fourth fresh held-out set', () => {
  it('is measured once and printed (right / not sure or ask-back / wrong)', async () => {
    expect(unknownLabels(k, HELD)).toEqual([]);
    const s = await evaluateHeldOut(k, HELD);
    console.log(summary('cert fourth held-out set', s));
    expect(s.total).toBe(141);
    // The single run: round 3 (this matcher) 106 / 29 / 6 (75.2 %); on the same set round 2 scored 96 / 36 / 9
    // (68.1 %) and the first-round matcher 83 / 53 / 5 (58.9 %). Three of the six wrong are the crisis net taking a
    // certification question for a crisis. Floors, not targets (the target is 97 % right).
    expect(s.right).toBeGreaterThanOrEqual(106);
    expect(s.wrong).toBeLessThanOrEqual(6);
  });
});
