// The evaluation through the real service and the real knowledge base. Development set: ≥ 97 % right. Trick set
// (a plausible wrong entry exists for each question): 0 wrong — a "not sure" or an ask-back is safe. The first
// held-out set (devset.ts HELDOUT, written by the first version's author and since seen) is printed, with no wrong
// answer allowed for an off-topic question. The second development set (devset2.json, 123 questions by another
// helper) was the held-out set of the first matcher (scored once at 4b117e2: 66 right, 52 not sure, 5 wrong); since
// it was scored and its misses studied, it is a development set: ≥ 70 % right and no wrong answer. The third
// development set (devset3.json, 129 questions in chat spelling, paraphrase, Spanish-influenced English and leaders
// asking for others, labelled with an entry, UNSURE or ASK) was written before the matcher was generalised
// (issue 15, round 2), as a check against overfitting: ≥ 97 % right, scored like a held-out set (evaluateHeldOut).
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/services/knowledge/index.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { DEVSET, HELDOUT, UNSURE } from './devset.js';
import { evaluate, evaluateHeldOut, summary } from './evaluate.js';
import { ASK, TRICKSET } from './trickset.js';

const read = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { q: string; expect: string }[]).map((x) => [x.q, x.expect] as const);
const DEVSET2 = read('test/knowledge/devset2.json');
const DEVSET3 = read('test/knowledge/devset3.json');

let store: Store;
let k: KnowledgeService;

beforeAll(async () => {
  store = await openStore('sqlite://:memory:');
  k = await KnowledgeService.create({ dir: 'data/knowledge', store, clock: { now: () => new Date('2026-11-22T15:00:00Z') }, log: pino({ level: 'silent' }) });
});
afterAll(() => store.close());

describe('certification Q&A evaluation', () => {
  it('has the 88-question development set and a trick set of ≥ 60, each mapped to an existing entry', () => {
    expect(DEVSET.length).toBe(88);
    expect(TRICKSET.length).toBeGreaterThanOrEqual(60);
    for (const kind of ['credential', 'attribute', 'scope']) expect(TRICKSET.filter((t) => t[2] === kind).length, kind).toBeGreaterThanOrEqual(12);
    expect(DEVSET2.length).toBe(123);
    expect(DEVSET3.length).toBeGreaterThanOrEqual(100);
    for (const [, id] of [...DEVSET, ...DEVSET2, ...DEVSET3, ...HELDOUT, ...TRICKSET]) if (id !== UNSURE && id !== ASK) expect(k.get(id), id).toBeDefined();
  });

  it('answers ≥ 97 % of the development set with the right entry', async () => {
    const s = await evaluate(k, DEVSET);
    console.log(summary('cert dev set', s));
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.97);
  });

  it('never answers the trick set with a wrong entry (not sure or asking back is safe)', async () => {
    const s = await evaluate(k, TRICKSET);
    console.log(summary('cert trick set', s));
    expect(s.lines.filter((l) => l.includes('WRONG'))).toEqual([]);
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.85);
  });

  it('never answers an off-topic question confidently', async () => {
    for (const [q] of [...DEVSET, ...DEVSET2, ...DEVSET3, ...HELDOUT, ...TRICKSET].filter(([, id]) => id === UNSURE)) {
      expect((await k.ask(q)).kind, q).not.toBe('answer');
    }
  });

  it('measures the first held-out set', async () => {
    const s = await evaluate(k, HELDOUT);
    console.log(summary('cert held-out set (first version)', s));
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.75);
  });

  it('answers the second development set (the first matcher held-out set) with no wrong entry', async () => {
    const s = await evaluate(k, DEVSET2);
    console.log(summary('cert dev set 2 (first held-out set)', s));
    // Reached: right 111/123 (90.2 %), not sure or ask-back 12, wrong 0 (was 66 / 52 / 5, then 88 / 35 / 0, 108 / 15 / 0).
    expect(s.lines.filter((l) => l.includes('WRONG'))).toEqual([]);
    expect(s.right).toBeGreaterThanOrEqual(111);
  });

  it('answers ≥ 97 % of the third development set (chat spelling, paraphrases, Spanish-influenced, leaders for others)', async () => {
    const s = await evaluateHeldOut(k, DEVSET3);
    console.log(summary('cert dev set 3 (members\' many voices)', s));
    // Before the generalisation: right 92/129 (71.3 %), not sure or ask-back 26, wrong 11. Now 128 / 1 / 0.
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.97);
    expect(s.lines.filter((l) => l.includes('WRONG'))).toEqual([]);
  });
});
