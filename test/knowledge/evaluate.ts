// Scores a question set through the real service: right (the expected entry, UNSURE or ASK), safe (a "not sure"
// or an ask-back where an entry was expected: no wrong information) and wrong (another entry answered).
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { KnowledgeService } from '../../src/services/knowledge/index.js';
import { openStore } from '../../src/storage/store.js';

export interface Score {
  right: number;
  safe: number;
  wrong: number;
  total: number;
  lines: string[];
}

export async function evaluate(k: KnowledgeService, set: readonly (readonly [string, string, ...unknown[]])[]): Promise<Score> {
  const s: Score = { right: 0, safe: 0, wrong: 0, total: set.length, lines: [] };
  for (const [q, want] of set) {
    const o = await k.ask(q);
    const got = o.kind === 'answer' ? o.entry.id : o.kind === 'unsure' ? 'UNSURE' : o.kind === 'ask' ? 'ASK' : 'CRISIS';
    if (got === want) s.right++;
    else if (got === 'UNSURE' || got === 'ASK') {
      s.safe++;
      s.lines.push(`  safe  "${q}": expected ${want}, got ${got}`);
    } else {
      s.wrong++;
      s.lines.push(`  WRONG "${q}": expected ${want}, got ${got}`);
    }
  }
  return s;
}

export const summary = (name: string, s: Score): string =>
  `${name}: right ${s.right}/${s.total} (${((100 * s.right) / s.total).toFixed(1)} %), not sure or ask-back ${s.safe}, wrong ${s.wrong}` +
  (s.lines.length ? `\n${s.lines.join('\n')}` : '');

/**
 * The fresh held-out set's scoring: right is the expected entry, UNSURE or ASK (any ask-back). Safe is a "not sure"
 * where an entry or ASK was expected, or an ask-back whose buttons include the expected entry. Everything else is
 * wrong: another entry answered, an answer or an ask-back where "not sure" was due, an ask-back without the entry.
 */
export async function evaluateHeldOut(k: KnowledgeService, set: readonly (readonly [string, string])[]): Promise<Score> {
  const s: Score = { right: 0, safe: 0, wrong: 0, total: set.length, lines: [] };
  for (const [q, want] of set) {
    const o = await k.ask(q);
    const got = o.kind === 'answer' ? o.entry.id : o.kind === 'unsure' ? 'UNSURE' : o.kind === 'ask' ? `ASK(${o.entries.map((e) => e.id).join(', ')})` : 'CRISIS';
    const right = got === want || (want === 'ASK' && o.kind === 'ask');
    const safe = !right && ((o.kind === 'unsure' && want !== 'UNSURE') || (o.kind === 'ask' && o.entries.some((e) => e.id === want)));
    if (right) s.right++;
    else if (safe) {
      s.safe++;
      s.lines.push(`  safe  "${q}": expected ${want}, got ${got}`);
    } else {
      s.wrong++;
      s.lines.push(`  WRONG "${q}": expected ${want}, got ${got}`);
    }
  }
  return s;
}

/** A labelled question file of the shape the held-out sets use: [{ q, expect }]. */
export const questionFile = (path: string): [string, string][] => (JSON.parse(readFileSync(path, 'utf8')) as { q: string; expect: string }[]).map((x) => [x.q, x.expect]);

/** The real knowledge service over the shipped knowledge files and an in-memory store, at a fixed date. */
export async function knowledgeAt(now: string): Promise<{ k: KnowledgeService; close(): Promise<void> }> {
  const store = await openStore('sqlite://:memory:');
  const k = await KnowledgeService.create({ dir: 'data/knowledge', store, clock: { now: () => new Date(now) }, log: pino({ level: 'silent' }) });
  return { k, close: () => store.close() };
}

/** Every label is an existing entry, UNSURE or ASK (a renamed entry would otherwise count as a miss). */
export const unknownLabels = (k: KnowledgeService, set: readonly (readonly [string, string])[]): string[] =>
  set.map(([, id]) => id).filter((id) => id !== 'UNSURE' && id !== 'ASK' && !k.get(id));
