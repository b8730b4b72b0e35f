// The KnowledgeService: loads the knowledge base, answers questions (crisis guard first, then ranking with a
// confidence threshold), keeps unanswered questions for leadership, and reloads on request or when files change.
import { type FSWatcher, watch } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import type { Lifecycle } from '../index.js';
import { isCrisis, withoutCrisis } from './crisis.js';
import { loadKnowledge } from './loader.js';
import type { Entry, LoadProblem } from './schema.js';
import { CONFIDENCE_THRESHOLD, type Hit, KnowledgeIndex } from './search.js';
import { termsOf } from './synonyms.js';
import { UnansweredLog } from './unanswered.js';

export const COMPARE_ID = 'crss-vs-cprs';
export const CHECKLIST_IDS = { crss: 'become-crss', cprs: 'become-cprs' } as const;
const FEATURED = ['become-crss', 'become-cprs', 'crss-vs-cprs', 'fees', 'renewal'];

export type Outcome =
  /** Crisis language: the crisis answer comes first; `followUp` is a confident answer to show after it, if any. */
  | { kind: 'crisis'; followUp?: Entry }
  | { kind: 'answer'; entry: Entry; confidence: number }
  | { kind: 'unsure'; suggestions: Entry[]; logged: boolean };

export interface KnowledgeDeps {
  dir: string;
  store: Store;
  clock: Clock;
  log: Logger;
}

export class KnowledgeService {
  private index = new KnowledgeIndex([]);
  private lastProblems: LoadProblem[] = [];
  readonly unanswered: UnansweredLog;
  readonly dir: string;

  constructor(private readonly deps: KnowledgeDeps) {
    this.dir = resolve(deps.dir);
    this.unanswered = new UnansweredLog(deps.store);
  }

  static async create(deps: KnowledgeDeps): Promise<KnowledgeService> {
    const service = new KnowledgeService(deps);
    await service.reload();
    return service;
  }

  get entries(): readonly Entry[] {
    return this.index.entries;
  }

  get problems(): readonly LoadProblem[] {
    return this.lastProblems;
  }

  get(id: string): Entry | undefined {
    return this.index.get(id);
  }

  /** Reads the folder again. The new base replaces the old one only once it is fully built. */
  async reload(): Promise<{ count: number; problems: LoadProblem[] }> {
    const { entries, problems } = await loadKnowledge(this.dir);
    this.index = indexFor(entries);
    this.lastProblems = problems;
    for (const p of problems) this.deps.log.warn({ path: p.path, field: p.field, problem: p.message }, 'knowledge file skipped or corrected');
    this.deps.log.info({ entries: entries.length, problems: problems.length }, 'knowledge loaded');
    return { count: entries.length, problems };
  }

  /** Answers a question. Crisis text is neither stored nor logged; other unanswered text is stored without a member id. */
  async ask(question: string): Promise<Outcome> {
    if (isCrisis(question)) {
      const best = this.best(withoutCrisis(question));
      this.deps.log.info({ outcome: 'crisis' }, 'cert question');
      return { kind: 'crisis', followUp: best && best.confidence >= CONFIDENCE_THRESHOLD ? best.entry : undefined };
    }
    const best = this.best(question);
    if (best && best.confidence >= CONFIDENCE_THRESHOLD) {
      this.deps.log.info({ outcome: 'answer', entry: best.entry.id, confidence: round(best.confidence) }, 'cert question');
      return { kind: 'answer', entry: best.entry, confidence: best.confidence };
    }
    const suggestions = this.index.search(question, 3).map((h) => h.entry);
    const logged = await this.unanswered.add(question, this.deps.clock.now());
    this.deps.log.info({ outcome: 'unsure', confidence: round(best?.confidence ?? 0) }, 'cert question');
    return { kind: 'unsure', suggestions: suggestions.length ? suggestions : this.featured().slice(0, 3), logged };
  }

  /** The best hit, with the comparison taking over when a question names both credentials. */
  best(question: string): Hit | undefined {
    const hits = this.index.search(question, 5);
    const top = hits[0];
    const terms = new Set(termsOf(question));
    const compare = this.index.get(COMPARE_ID);
    if (compare && terms.has('crss') && terms.has('cprs')) {
      // An entry about both credentials (fees, reciprocity …) still wins; otherwise the side-by-side comparison.
      const both = top && top.entry.tags.includes('crss') && top.entry.tags.includes('cprs');
      if (!both || top.confidence < CONFIDENCE_THRESHOLD) return { entry: compare, score: top?.score ?? 0, confidence: 1 };
    }
    return top;
  }

  related(entry: Entry): Entry[] {
    return entry.related.map((id) => this.index.get(id)).filter((e): e is Entry => Boolean(e));
  }

  /** Entries grouped by topic, in file order within each group. */
  topics(): Map<string, Entry[]> {
    const groups = new Map<string, Entry[]>();
    for (const e of this.index.entries) groups.set(e.topic, [...(groups.get(e.topic) ?? []), e]);
    return groups;
  }

  featured(): Entry[] {
    return FEATURED.map((id) => this.index.get(id)).filter((e): e is Entry => Boolean(e));
  }

  /** Watches the folder and reloads shortly after files change (an editor writes several times in a row). */
  watcher(debounceMs = 300): Lifecycle {
    let fsWatcher: FSWatcher | undefined;
    let timer: NodeJS.Timeout | undefined;
    return {
      start: async () => {
        try {
          fsWatcher = watch(this.dir, () => {
            clearTimeout(timer);
            timer = setTimeout(() => void this.reload().catch((err) => this.deps.log.error({ err }, 'knowledge reload failed')), debounceMs);
          });
          fsWatcher.on('error', (err) => this.deps.log.warn({ err }, 'stopped watching the knowledge folder'));
        } catch (err) {
          this.deps.log.warn({ err, dir: this.dir }, 'cannot watch the knowledge folder; use /cert reload');
        }
      },
      stop: async () => {
        clearTimeout(timer);
        fsWatcher?.close();
        fsWatcher = undefined;
      },
    };
  }
}

/** The last index built, reused when the very same entries load again (unchanged files are cached by the loader). */
let lastIndex: KnowledgeIndex | undefined;
function indexFor(entries: Entry[]): KnowledgeIndex {
  const same = lastIndex && lastIndex.entries.length === entries.length && lastIndex.entries.every((e, i) => e === entries[i]);
  if (!same) lastIndex = new KnowledgeIndex(entries);
  return lastIndex!;
}

const round = (n: number) => Math.round(n * 100) / 100;
