// The development set through the real service and the real knowledge base: top-1 accuracy must be ≥ 90 %,
// and no off-topic question may be answered confidently. The held-out set is measured and printed too.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/services/knowledge/index.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { DEVSET, HELDOUT, UNSURE } from './devset.js';

let store: Store;
let k: KnowledgeService;

beforeAll(async () => {
  store = await openStore('sqlite://:memory:');
  k = await KnowledgeService.create({ dir: 'data/knowledge', store, clock: { now: () => new Date('2026-11-22T15:00:00Z') }, log: pino({ level: 'silent' }) });
});
afterAll(() => store.close());

async function score(set: [string, string][]) {
  const misses: string[] = [];
  let right = 0;
  for (const [q, want] of set) {
    const o = await k.ask(q);
    const got = o.kind === 'answer' ? o.entry.id : o.kind === 'unsure' ? UNSURE : 'CRISIS';
    if (got === want) right++;
    else misses.push(`  "${q}": expected ${want}, got ${got}`);
  }
  return { accuracy: right / set.length, right, misses };
}

describe('certification Q&A accuracy', () => {
  it('has at least 60 questions, off-topic ones among them, each mapped to an existing entry', () => {
    expect(DEVSET.length).toBeGreaterThanOrEqual(60);
    expect(DEVSET.filter(([, id]) => id === UNSURE).length).toBeGreaterThanOrEqual(5);
    for (const [, id] of [...DEVSET, ...HELDOUT]) if (id !== UNSURE) expect(k.get(id), id).toBeDefined();
  });

  it('answers ≥ 90 % of the development set with the right entry (top-1)', async () => {
    const { accuracy, right, misses } = await score(DEVSET);
    console.log(`cert dev set: top-1 accuracy ${(accuracy * 100).toFixed(1)} % (${right}/${DEVSET.length})${misses.length ? `\n${misses.join('\n')}` : ''}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('never answers an off-topic question confidently', async () => {
    for (const [q] of [...DEVSET, ...HELDOUT].filter(([, id]) => id === UNSURE)) {
      expect((await k.ask(q)).kind, q).toBe('unsure');
    }
  });

  it('measures the held-out set (not used for tuning)', async () => {
    const { accuracy, right, misses } = await score(HELDOUT);
    console.log(`cert held-out set: top-1 accuracy ${(accuracy * 100).toFixed(1)} % (${right}/${HELDOUT.length})${misses.length ? `\n${misses.join('\n')}` : ''}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.75);
  });
});
