// Writes taught phrasings (/cert teach) back into the knowledge files, so that leadership reviews them in git like
// any other edit: each phrasing is added to its entry's `phrasings` list unless the entry already has the same words.
// Block lists get one appended line (a small diff); a file whose list is written another way is left alone and
// reported, as is a phrasing whose entry is gone.
import { readFile, writeFile } from 'node:fs/promises';
import { loadKnowledge } from './loader.js';
import { keyOf } from './search.js';
import { termsOf } from './synonyms.js';
import type { Taught } from './taught.js';

export interface ExportResult {
  written: { path: string; question: string }[];
  skipped: { question: string; entryId: string; why: string }[];
}

export async function exportTaught(dir: string, taught: readonly Taught[]): Promise<ExportResult> {
  const { good } = await loadKnowledge(dir);
  const pathOf = new Map([...good].map(([path, e]) => [e.id, { path, entry: e }]));
  const result: ExportResult = { written: [], skipped: [] };
  const pending = new Map<string, string[]>();
  for (const t of taught) {
    const target = pathOf.get(t.entryId);
    if (!target) {
      result.skipped.push({ question: t.question, entryId: t.entryId, why: 'the entry is no longer in the knowledge base' });
      continue;
    }
    const key = keyOf(termsOf(t.question));
    const known = [...target.entry.phrasings, ...(pending.get(target.path) ?? [])].some((p) => keyOf(termsOf(p)) === key);
    if (known) {
      result.skipped.push({ question: t.question, entryId: t.entryId, why: 'the entry already has a phrasing with these words' });
      continue;
    }
    pending.set(target.path, [...(pending.get(target.path) ?? []), t.question]);
  }
  for (const [path, questions] of pending) {
    const text = await readFile(path, 'utf8');
    const m = /^phrasings:[ \t]*\r?\n((?:[ \t]+- .*\r?\n)+)/m.exec(text);
    if (!m) {
      for (const q of questions) result.skipped.push({ question: q, entryId: pathOf.get(path)?.entry.id ?? path, why: `${path}: phrasings is not a block list; add it by hand` });
      continue;
    }
    const indent = /^([ \t]+)- /.exec(m[1]!)![1]!;
    const added = questions.map((q) => `${indent}- ${JSON.stringify(q)}\n`).join('');
    const at = m.index + m[0].length;
    await writeFile(path, text.slice(0, at) + added + text.slice(at));
    for (const q of questions) result.written.push({ path, question: q });
  }
  return result;
}
