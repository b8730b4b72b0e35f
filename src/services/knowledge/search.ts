// Ranking: BM25 (minisearch) over the entries with field boosts, fuzzy matching for typos, prefix matching,
// and our synonym table. On top of the score, a confidence: the share of the question's informative words
// (weighted by how rare they are in the base; unknown words weigh the most) that the best entry matched.
// Below the threshold the bot says it is not sure instead of guessing.
import MiniSearch, { type SearchResult } from 'minisearch';
import { type Question, analyze, fits as fitsWith, needsOf } from './analyze.js';
import type { Entry } from './schema.js';
import { COMMON_DOMAIN_TERMS, normalizeText, processTerm, termsOf } from './synonyms.js';

/** Minimum confidence for a direct answer; tuned on the development set (test/knowledge/devset.ts). */
export const CONFIDENCE_THRESHOLD = 0.55;

/** What the matcher decided: one entry, a choice between two (ask back), or nothing that fits. */
export type Match = { kind: 'answer'; hit: Hit } | { kind: 'ask'; entries: Entry[] } | { kind: 'unsure' };

/** The side-by-side comparison, taking over when a question names both credentials and no entry covers both. */
export const COMPARE_ID = 'crss-vs-cprs';

export interface Hit {
  entry: Entry;
  score: number;
  /** 0..1: the weighted share of the question's words this entry matched. */
  confidence: number;
}

const tokenize = (text: string): string[] => normalizeText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export const SEARCH_FIELDS = ['phrasings', 'title', 'tags', 'body'] as const;
export const FIELD_BOOSTS = { phrasings: 3, title: 2.5, tags: 2, body: 1 };

/** The text of an entry as indexed, per field. */
export function documentOf(e: Entry): Record<(typeof SEARCH_FIELDS)[number] | 'id', string> {
  return {
    id: e.id,
    phrasings: e.phrasings.join(' . '),
    title: e.title,
    tags: e.tags.join(' '),
    body: [e.answer, ...e.facts.map((f) => `${f.name} ${f.value}`), ...(e.steps ?? [])].join(' . '),
  };
}

export class KnowledgeIndex {
  private readonly mini: MiniSearch;
  private readonly byId: Map<string, Entry>;
  private readonly idf = new Map<string, number>();
  private readonly unknownWeight: number;
  /** A question that says exactly what a listed phrasing says (same words after processing) gets that entry. */
  private readonly exact = new Map<string, string>();
  private readonly needs = new Map<string, string[]>();

  constructor(readonly entries: Entry[]) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
    for (const e of entries) this.needs.set(e.id, needsOf(e));
    this.mini = new MiniSearch({
      fields: [...SEARCH_FIELDS],
      idField: 'id',
      tokenize,
      processTerm,
      searchOptions: {
        boost: FIELD_BOOSTS,
        fuzzy: (term) => (term.length >= 5 ? 0.25 : false),
        prefix: (term) => term.length >= 4,
        weights: { fuzzy: 0.6, prefix: 0.4 },
      },
    });
    this.mini.addAll(entries.map(documentOf));
    // Document frequencies over all fields, for the confidence weights.
    const df = new Map<string, number>();
    for (const e of entries) {
      const doc = documentOf(e);
      const terms = new Set(SEARCH_FIELDS.flatMap((f) => termsOf(doc[f])));
      for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const n = Math.max(1, entries.length);
    const idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
    for (const [t, d] of df) this.idf.set(t, idf(d));
    this.unknownWeight = idf(0);
    for (const e of entries) {
      for (const p of e.phrasings) {
        const key = keyOf(termsOf(p));
        if (key && !this.exact.has(key)) this.exact.set(key, e.id);
      }
    }
  }

  get(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /**
   * The answer to a question, precision first: only entries that fit whom and what it asks about (analyze.ts) may
   * answer; a question naming no credential whose best entry has a counterpart for the other credential is asked
   * back; below the confidence threshold, nothing. `taught` maps a question's term key to an entry id.
   */
  match(question: string, taught?: ReadonlyMap<string, string>): Match {
    const q = analyze(question);
    if (!q.terms.length) return { kind: 'unsure' };
    const fits = (q: Question, e: Entry) => fitsWith(q, e, this.needs.get(e.id) ?? []);
    const key = keyOf(q.terms);
    const pinned = this.byId.get(taught?.get(key) ?? '') ?? this.byId.get(this.exact.get(key) ?? '');
    if (pinned) return { kind: 'answer', hit: { entry: pinned, score: 0, confidence: 1 } };
    const fitting = this.ranked(q, 25).filter((h) => fits(q, h.entry));
    const top = fitting[0];
    const compare = this.byId.get(COMPARE_ID);
    if (compare && q.credentials.has('crss') && q.credentials.has('cprs')) {
      // An entry about both credentials (fees, reciprocity …) still wins; otherwise the side-by-side comparison.
      const both = top && top.entry.tags.includes('crss') && top.entry.tags.includes('cprs') && top.confidence >= CONFIDENCE_THRESHOLD;
      if (!both) return { kind: 'answer', hit: { entry: compare, score: top?.score ?? 0, confidence: 1 } };
    }
    if (!top || top.confidence < CONFIDENCE_THRESHOLD) return { kind: 'unsure' };
    const other = top.entry.counterpart ? this.byId.get(top.entry.counterpart) : undefined;
    if (!q.credentials.size && other && (top.entry.credential === 'crss' || top.entry.credential === 'cprs') && fits(q, other)) {
      return { kind: 'ask', entries: top.entry.credential === 'crss' ? [top.entry, other] : [other, top.entry] };
    }
    return { kind: 'answer', hit: top };
  }

  /** Ranked hits with their confidence, best first (also the "not sure" suggestions). */
  search(question: string, limit = 5): Hit[] {
    const q = analyze(question);
    const hits = this.ranked(q, limit);
    const exactId = this.exact.get(keyOf(q.terms));
    if (!exactId) return hits;
    return [{ entry: this.byId.get(exactId)!, score: hits[0]?.score ?? 0, confidence: 1 }, ...hits.filter((h) => h.entry.id !== exactId)].slice(0, limit);
  }

  private ranked(q: Question, limit: number): Hit[] {
    const terms = q.terms;
    if (!terms.length) return [];
    const weight = (t: string) => (this.idf.get(t) ?? this.unknownWeight) * (COMMON_DOMAIN_TERMS.has(t) ? 0.25 : 1);
    const total = terms.reduce((s, t) => s + weight(t), 0);
    const results: SearchResult[] = this.mini.search(terms.join(' '));
    const hits = results.slice(0, limit).map((r) => {
      const matched = new Set(r.queryTerms);
      const got = terms.filter((t) => matched.has(t)).reduce((s, t) => s + weight(t), 0);
      return { entry: this.byId.get(r.id as string)!, score: r.score, confidence: total ? got / total : 0 };
    });
    return hits;
  }
}

/** A question's key for exact and taught matches: its canonical terms, deduplicated and sorted. */
export const keyOf = (terms: string[]): string => [...new Set(terms)].sort().join(' ');
