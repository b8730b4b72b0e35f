// Scores a question set through the real service: right (the expected entry, UNSURE or ASK), safe (a "not sure"
// or an ask-back where an entry was expected: no wrong information) and wrong (another entry answered).
import type { KnowledgeService } from '../../src/services/knowledge/index.js';

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
