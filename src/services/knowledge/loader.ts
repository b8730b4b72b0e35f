// Reads the knowledge base from a folder: one file per entry, either Markdown with YAML front matter (the
// answer is the body) or plain YAML (the answer is the `answer` key). Each file is validated on its own: a
// broken file is reported with its path and field, and every other file still loads.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type Entry, type LoadProblem, entrySchema } from './schema.js';

export interface LoadResult {
  entries: Entry[];
  problems: LoadProblem[];
  /** Paths of files that failed and whose last good version (from `previous`) stays in service. */
  kept: string[];
  /** The version of each file now in service, by path (pass it back as `previous` on the next load). */
  good: Map<string, Entry>;
}

/** Files that are not entries: the README, and anything starting with "_" or "." (drafts, reference copies). */
export const isEntryFile = (name: string): boolean =>
  /\.(md|ya?ml)$/i.test(name) && !/^readme\.md$/i.test(name) && !name.startsWith('_') && !name.startsWith('.');

/**
 * Parsed files by path, reused while a file's size and modification time are unchanged: every test harness and
 * every reload reads the folder, but only changed files are parsed and validated again.
 */
const parsedCache = new Map<string, { mtimeMs: number; size: number; parsed: ReturnType<typeof parseEntryFile> }>();

async function parseCached(path: string): Promise<ReturnType<typeof parseEntryFile>> {
  const info = await stat(path).catch(() => undefined);
  const hit = info && parsedCache.get(path);
  if (info && hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.parsed;
  const parsed = parseEntryFile(path, await readFile(path, 'utf8').catch(() => undefined));
  if (info) parsedCache.set(path, { mtimeMs: info.mtimeMs, size: info.size, parsed });
  return parsed;
}

/**
 * Loads every entry file of `dir`. A file that fails to parse or validate is reported; if `previous` holds a
 * version of it that loaded before, that version stays in service (a broken edit never takes an answer away).
 */
export async function loadKnowledge(dir: string, previous: ReadonlyMap<string, Entry> = new Map()): Promise<LoadResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isEntryFile).sort();
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unreadable';
    const entries = [...previous.values()];
    const problem = { path: dir, field: '(folder)', message: `cannot read the knowledge folder (${code})${entries.length ? '; the last good entries stay in service' : ''}` };
    return { entries, problems: [problem], kept: [...previous.keys()], good: new Map(previous) };
  }
  const entries: Entry[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Map<string, string>();
  const kept: string[] = [];
  const good = new Map<string, Entry>();
  for (const name of names) {
    const path = join(dir, name);
    const parsed = await parseCached(path);
    let entry: Entry;
    if ('problems' in parsed) {
      const last = previous.get(path);
      problems.push(...parsed.problems.map((p) => (last ? { ...p, message: `${p.message} — the last good version stays in service until this is fixed` } : p)));
      if (!last) continue;
      entry = last;
      kept.push(path);
    } else entry = parsed.entry;
    const first = seen.get(entry.id);
    if (first) {
      problems.push({ path, field: 'id', message: `"${entry.id}" is already used by ${first}; this file was skipped` });
      continue;
    }
    seen.set(entry.id, path);
    good.set(path, entry);
    entries.push(entry);
  }
  // Related topics must exist; an unknown one is reported and dropped, the entry itself still loads.
  const checked = entries.map((entry) => {
    const unknown = entry.related.filter((id) => !seen.has(id) || id === entry.id);
    const badCounterpart = entry.counterpart !== undefined && (!seen.has(entry.counterpart) || entry.counterpart === entry.id);
    if (badCounterpart) problems.push({ path: seen.get(entry.id)!, field: 'counterpart', message: `unknown topic id: ${entry.counterpart}` });
    if (!unknown.length && !badCounterpart) return entry;
    if (unknown.length) problems.push({ path: seen.get(entry.id)!, field: 'related', message: `unknown topic id(s): ${unknown.join(', ')}` });
    return { ...entry, related: entry.related.filter((id) => !unknown.includes(id)), counterpart: badCounterpart ? undefined : entry.counterpart };
  });
  return { entries: checked, problems, kept, good };
}

export function parseEntryFile(path: string, text: string | undefined): { entry: Entry } | { problems: LoadProblem[] } {
  if (text === undefined) return { problems: [{ path, field: '(file)', message: 'cannot be read' }] };
  let data: unknown;
  try {
    data = /\.md$/i.test(path) ? splitFrontMatter(text) : parseYaml(text);
  } catch (err) {
    return { problems: [{ path, field: '(file)', message: err instanceof Error ? err.message.split('\n')[0]! : 'not valid YAML' }] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [{ path, field: '(file)', message: 'must start with YAML front matter between two --- lines' }] };
  }
  const result = entrySchema.safeParse(data);
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => ({
        path,
        field: issue.path.length ? issue.path.join('.') : '(file)',
        message: issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is missing' : issue.message,
      })),
    };
  }
  return { entry: result.data };
}

/** "---\n<yaml>\n---\n<body>" → the YAML object with the body as `answer`. */
function splitFrontMatter(text: string): unknown {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error('must start with YAML front matter between two --- lines');
  const data = parseYaml(m[1]!) as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return data;
  const body = m[2]!.trim();
  return body ? { ...data, answer: body } : data;
}
