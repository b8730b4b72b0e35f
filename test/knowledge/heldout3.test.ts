// The third fresh held-out set (test/knowledge/heldout3.json): 121 questions written by a helper who read only the
// knowledge files and the facts reference, never the matcher or the other sets; copied in only after this round's
// matcher was merged, run once. Labels: an entry id, UNSURE or ASK. Printed as right / not sure or ask-back / wrong
// (evaluateHeldOut). Since issue 15 round 3 it is a VALIDATION set: the categories of its misses were fixed (never by
// copying a question into the phrasings), so its figures overstate fresh wording; the floors are what it measures now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeService } from '../../src/services/knowledge/index.js';
import { evaluateHeldOut, knowledgeAt, questionFile, summary, unknownLabels } from './evaluate.js';

const HELD = questionFile('test/knowledge/heldout3.json');

let k: KnowledgeService;
let close: () => Promise<void>;
beforeAll(async () => void ({ k, close } = await knowledgeAt('2026-12-02T15:00:00Z')));
afterAll(() => close());

describe('certification Q&A: third held-out set (validation since round 3)', () => {
  it('is measured once and printed (right / not sure or ask-back / wrong)', async () => {
    expect(unknownLabels(k, HELD)).toEqual([]);
    const s = await evaluateHeldOut(k, HELD);
    console.log(summary('cert third held-out set', s));
    expect(s.total).toBe(121);
    // The single run: matcher before this round 87 / 32 / 2 (71.9 %); this round's matcher 95 / 23 / 3 (78.5 %).
    // With this round's crisis model merged, one question ("am i eligible? theres some self check quiz right?") is
    // taken for a crisis: 94 / 23 / 4. As a validation set after round 3: 113 / 7 / 1 (93.4 %; the one wrong is that
    // crisis). Floors, not targets (the target is 97 % right).
    expect(s.right).toBeGreaterThanOrEqual(113);
    expect(s.wrong).toBeLessThanOrEqual(1);
  });
});
