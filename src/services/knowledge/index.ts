// The KnowledgeService: loads the knowledge base, answers questions (crisis guard first, then ranking with a
// confidence threshold), keeps unanswered questions for leadership, and reloads on request or when files change.
import { randomBytes } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Outlets } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import type { Lifecycle } from '../index.js';
import { isCrisis, withoutCrisis } from './crisis.js';
import { Audit } from '../audit.js';
import { KnowledgeDigest } from './digest.js';
import { type LeaderConfig, tellLeaders } from './leaders.js';
import { loadKnowledge } from './loader.js';
import { reloadProblemsMessage } from './messages.js';
import type { Entry, LoadProblem } from './schema.js';
import { COMPARE_ID, CONFIDENCE_THRESHOLD, type Hit, KnowledgeIndex, keyOf } from './search.js';
import { termsOf } from './synonyms.js';
import { type By, TaughtPhrasings } from './taught.js';
import { AskCap, type Asker } from './ask-cap.js';
import { UnansweredLog } from './unanswered.js';

export { COMPARE_ID };
export const CHECKLIST_IDS = { crss: 'become-crss', cprs: 'become-cprs' } as const;
const FEATURED = ['become-crss', 'become-cprs', 'crss-vs-cprs', 'fees', 'renewal'];

export type Outcome =
  /** Crisis language: the crisis answer comes first; `followUp` is a confident answer to show after it, if any. */
  | { kind: 'crisis'; followUp?: Entry }
  | { kind: 'answer'; entry: Entry; confidence: number }
  /** Two entries fit and their answers differ (e.g. "the exam" without a credential): ask which one is meant. */
  | { kind: 'ask'; entries: Entry[] }
  /** `logged`: the question was kept for leadership; `capped`: it was not, the member being over the cap. */
  | { kind: 'unsure'; suggestions: Entry[]; logged: boolean; capped?: boolean };

export interface KnowledgeDeps {
  dir: string;
  store: Store;
  clock: Clock;
  log: Logger;
  /** The bot secret: the per-member cap on kept questions counts under keys derived from it (ask-cap.ts); without
   * one (scripts, some tests), a secret made for this process. */
  secret?: string;
  /** Where reload problems (and the monthly digest) go: leadership, privately. Without it they are only logged. */
  leaders?: { outlets: Outlets; config: LeaderConfig };
}

/** One group of unanswered questions, with the entries a leader might teach it to. */
export interface UnansweredGroup {
  text: string;
  count: number;
  last: string;
  suggestions: { id: string; title: string }[];
}

export class KnowledgeService {
  private index = new KnowledgeIndex([]);
  private lastProblems: LoadProblem[] = [];
  /** The last version of each file that loaded, by path: a file that fails on reload keeps this one in service. */
  private lastGood = new Map<string, Entry>();
  private reported = '';
  readonly unanswered: UnansweredLog;
  private readonly cap: AskCap;
  readonly taught: TaughtPhrasings;
  /** The leadership audit trail (the same one announcements, events and polls write). */
  readonly audit: Audit;
  readonly dir: string;

  constructor(private readonly deps: KnowledgeDeps) {
    this.dir = resolve(deps.dir);
    this.unanswered = new UnansweredLog(deps.store);
    this.cap = new AskCap(deps.store, deps.secret ?? randomBytes(32).toString('hex'));
    this.taught = new TaughtPhrasings(deps.store);
    this.audit = new Audit(deps.store, deps.clock);
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

  /**
   * Reads the folder again. The new base replaces the old one only once it is fully built; a file that fails to
   * load keeps its last good version in service. New problems are reported to leadership (never silently dropped).
   */
  async reload(): Promise<{ count: number; problems: LoadProblem[] }> {
    const { entries, problems, kept, good } = await loadKnowledge(this.dir, this.lastGood);
    this.lastGood = good;
    this.index = indexFor(entries);
    this.lastProblems = problems;
    for (const p of problems) this.deps.log.warn({ path: p.path, field: p.field, problem: p.message }, 'knowledge file skipped or corrected');
    this.deps.log.info({ entries: entries.length, problems: problems.length, kept: kept.length }, 'knowledge loaded');
    await this.reportProblems(problems, kept);
    return { count: entries.length, problems };
  }

  private async reportProblems(problems: LoadProblem[], kept: string[]): Promise<void> {
    const signature = JSON.stringify(problems);
    if (!problems.length || signature === this.reported) {
      if (!problems.length) this.reported = '';
      return;
    }
    this.reported = signature;
    try {
      await this.audit.add({ action: 'knowledge-problem', summary: `${problems.length} problem(s): ${problems.map((p) => `${p.path} ${p.field}`).join('; ')}`.slice(0, 600) });
      const sent = this.deps.leaders ? await tellLeaders(this.deps.leaders.outlets, this.deps.leaders.config, reloadProblemsMessage(problems, kept), this.deps.log) : 0;
      // Nobody reachable yet (start-up, before the adapters): report again on the next reload; the digest lists them too.
      if (!sent) this.reported = '';
    } catch (err) {
      this.deps.log.error({ err }, 'could not report knowledge problems to leadership');
    }
  }

  /**
   * Attaches a member's phrasing to an entry, on every replica at once (through the store), and audits it.
   * Throws a UserError saying what is wrong for an unknown entry, a question with no words to match or crisis text.
   */
  async teach(question: string, entryId: string, by: By): Promise<void> {
    const text = question.replace(/\s+/g, ' ').trim();
    const entry = this.get(entryId.trim());
    if (!entry) throw new UserError('cert.teach-unknown-entry', `There is no entry \`${entryId.slice(0, 60)}\`. Use an id from \`/cert topics\` or the suggestions of \`/cert unanswered\`, e.g. exam-fee.`);
    if (text.length > 300) throw new UserError('cert.teach-too-long', 'Please teach a question of at most 300 characters.');
    if (isCrisis(text)) throw new UserError('cert.teach-crisis', 'That question contains crisis language; it is answered with the crisis lines first and cannot be taught to an entry.');
    const key = keyOf(termsOf(text));
    if (!key) throw new UserError('cert.teach-no-words', 'That question has no words I can match on. Teach the question as members ask it, e.g. `/cert teach "crss exm fee" exam-fee`.');
    await this.taught.put(key, { question: text, entryId: entry.id, by, at: this.deps.clock.now().toISOString() });
    await this.audit.add({ actor: by, action: 'taught', entryId: entry.id, summary: `"${text}" → ${entry.id}` });
    this.deps.log.info({ entry: entry.id, by: by.id, platform: by.platform }, 'cert phrasing taught');
  }

  /** The most asked unanswered questions since `since` (those taught since are left out), with teach suggestions. */
  async unansweredGroups(since: Date): Promise<UnansweredGroup[]> {
    const taught = await this.taught.map();
    const rows = (await this.unanswered.frequent(since, 50)).filter((r) => !taught.has(keyOf(termsOf(r.text))));
    return rows.slice(0, 15).map((r) => ({
      ...r,
      suggestions: this.index.search(r.text, 3).map((h) => ({ id: h.entry.id, title: h.entry.title })),
    }));
  }

  /**
   * Answers a question. Crisis text is neither stored nor logged; other unanswered text is stored without a member
   * id — unless `asker` is over the cap on kept questions (ask-cap.ts), when it is not stored at all.
   */
  async ask(question: string, asker?: Asker): Promise<Outcome> {
    if (isCrisis(question)) {
      const best = this.best(withoutCrisis(question));
      this.deps.log.info({ outcome: 'crisis' }, 'cert question');
      return { kind: 'crisis', followUp: best && best.confidence >= CONFIDENCE_THRESHOLD ? best.entry : undefined };
    }
    const match = this.index.match(question, await this.taught.map());
    if (match.kind === 'answer') {
      this.deps.log.info({ outcome: 'answer', entry: match.hit.entry.id, confidence: round(match.hit.confidence) }, 'cert question');
      return { kind: 'answer', entry: match.hit.entry, confidence: match.hit.confidence };
    }
    if (match.kind === 'ask') {
      this.deps.log.info({ outcome: 'ask', entries: match.entries.map((e) => e.id) }, 'cert question');
      return match;
    }
    const suggestions = this.index.search(question, 3).map((h) => h.entry);
    const now = this.deps.clock.now();
    const keep = this.unanswered.keepable(question);
    const capped = keep && asker ? !(await this.cap.take(asker, now)) : false;
    const logged = keep && !capped ? await this.unanswered.add(question, now) : false;
    this.deps.log.info({ outcome: 'unsure', ...(capped ? { capped } : {}) }, 'cert question');
    return { kind: 'unsure', suggestions: suggestions.length ? suggestions : this.featured().slice(0, 3), logged, ...(capped ? { capped } : {}) };
  }

  /** The entry that answers a question on its own (no ask-back, no taught phrasings), if any. */
  best(question: string): Hit | undefined {
    const match = this.index.match(question);
    return match.kind === 'answer' ? match.hit : undefined;
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

  /** The monthly private digest for leadership (entries due for review, most asked unanswered questions). */
  digest(zone: string): KnowledgeDigest {
    const leaders = this.deps.leaders;
    return new KnowledgeDigest({
      knowledge: this,
      clock: this.deps.clock,
      store: this.deps.store,
      zone,
      send: async (msg) => {
        if (!leaders) return 0;
        const sent = await tellLeaders(leaders.outlets, leaders.config, msg, this.deps.log);
        if (sent) await this.audit.add({ action: 'digest-sent', summary: `${msg.title} (${sent} deliveries)` });
        return sent;
      },
      onError: (err) => this.deps.log.error({ err }, 'knowledge digest failed'),
    });
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
