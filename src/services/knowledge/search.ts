// Ranking: BM25 (minisearch) over the entries with field boosts, fuzzy matching for typos, prefix matching,
// and our synonym table. On top of the score, a confidence: the share of the question's informative words
// (weighted by how rare they are in the base; unknown words weigh the most) that the best entry matched.
// Below the threshold the bot says it is not sure instead of guessing.
import { distance } from 'fastest-levenshtein';
import MiniSearch, { type SearchResult } from 'minisearch';
import { loadTagger } from './chatter.js';
import { type Question, analyze, fits as fitsWith, fitsCredential, needsOf } from './analyze.js';
import { ATTRIBUTES, type Entry } from './schema.js';
import { COMMON_DOMAIN_TERMS, normalizeText, processTerm, termsOf } from './synonyms.js';

/** Minimum confidence for a direct answer; tuned on the development set (test/knowledge/devset.ts). */
export const CONFIDENCE_THRESHOLD = 0.55;
/** The lower bar when the gates single out one entry (see KnowledgeIndex.thresholdFor); tuned on the two development sets and the trick set. */
export const GATED_THRESHOLD = 0.3;
/** How far ahead (in confidence) the best fitting entry must be of the next to count as singled out. */
const SEPARATION = 0.1;
/** Needed words that are too common to single an entry out ("get" is read as "become"). */
/** At or above this share of unknown words, the lower bar does not apply. */
const UNKNOWN_SHARE = 0.4;
/** Within this confidence (and 10 % of the rank score), two fitting entries tie. */
const TIE = 0.02;
/** A fitting entry this much more confident than the best ranked one makes the choice unclear (ask back). */
const SURER = 0.15;
/** …or this many times its rank score. */
const SCORE_LEAD = 3;
const WEAK_NEEDS = new Set(['become']);
/** Attributes about what counts toward a credential: never answered by an entry about one named place or program. */
const TOWARD_CREDENTIAL = new Set(['work', 'hours', 'supervision', 'education', 'ceu']);
/** What an unknown word said as a verb, adjective or adverb weighs, against an unknown noun. */
const CHATTER_WEIGHT = 0.25;

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
    // The words an entry needs are its words too: a question saying one of them is not saying something unknown.
    tags: [...e.tags, ...e.needs].join(' '),
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
  /** The base's words by length, for typo correction. */
  private readonly vocabulary = new Map<number, string[]>();
  private readonly corrections = new Map<string, string>();

  constructor(readonly entries: Entry[]) {
    loadTagger();
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
    for (const t of this.idf.keys()) if (t.length >= 4 && /^\p{L}+$/u.test(t)) this.vocabulary.set(t.length, [...(this.vocabulary.get(t.length) ?? []), t]);
    for (const e of entries) {
      for (const p of e.phrasings) {
        const key = keyOf(termsOf(p));
        if (key && !this.exact.has(key)) this.exact.set(key, e.id);
      }
    }
  }

  /**
   * A word the base does not know, brought to the base's word it most likely misspells ("supervison",
   * "experiance"): same first letter, one edit away (two for words of 9 letters or more; "medicare" is not "medicaid"), the commoner word on a
   * tie. Shorter words are left alone ("rice" is not "price"). The result of each word is remembered.
   */
  private readonly correct = (t: string): string => {
    if (t.length < 5 || this.idf.has(t) || !/^\p{L}+$/u.test(t)) return t;
    const known = this.corrections.get(t);
    if (known !== undefined) return known;
    const most = t.length >= 9 ? 2 : 1;
    let best = t;
    let bestD = most + 1;
    for (let len = t.length - most; len <= t.length + most; len++) {
      for (const v of this.vocabulary.get(len) ?? []) {
        if (v[0] !== t[0]) continue;
        const d = distance(t, v);
        if (d < bestD || (d === bestD && best !== t && (this.idf.get(v) ?? 0) < (this.idf.get(best) ?? 0))) [best, bestD] = [v, d];
      }
    }
    if (this.corrections.size > 10_000) this.corrections.clear();
    this.corrections.set(t, best);
    return best;
  };

  /** The last question read: "not sure" searches the question it just matched for suggestions, without reading it twice. */
  private last?: { text: string; q: Question; results?: SearchResult[] };
  private analyzed(text: string): Question {
    if (this.last?.text !== text) this.last = { text, q: analyze(text, this.correct) };
    return this.last.q;
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
    const q = this.analyzed(question);
    if (!q.terms.length) return { kind: 'unsure' };
    // The side-by-side comparison answers a question about both credentials or about their difference, nothing else.
    const comparing = (q.credentials.has('crss') && q.credentials.has('cprs')) || q.terms.includes('difference');
    const fits = (q: Question, e: Entry) => (e.id !== COMPARE_ID || comparing) && (fitsWith(q, e, this.needs.get(e.id) ?? []) || this.aboutNamedThing(q, e));
    const key = keyOf(q.said);
    const pinned = this.byId.get(taught?.get(key) ?? '') ?? this.byId.get(this.exact.get(key) ?? '');
    if (pinned) return { kind: 'answer', hit: { entry: pinned, score: 0, confidence: 1 } };
    // Only words nearly every entry shares ("tell me about the certification"): every entry matches them all, so
    // none is more likely than another.
    if (!q.attributes.size && !q.credentials.size && q.terms.every((t) => COMMON_DOMAIN_TERMS.has(t))) return { kind: 'unsure' };
    const ranked = this.ranked(q, 25);
    const fitting = preferSpecific(q, ranked.filter((h) => fits(q, h.entry)));
    // The best entry the gates excluded: far ahead of the best that fits, the question is about something we lack.
    const excluded = Math.max(0, ...ranked.filter((h) => !fits(q, h.entry)).map((h) => h.confidence));
    const thresholdFor = (h: Hit, next: Hit | undefined) => this.thresholdFor(q, h, next, excluded);
    // A question naming both credentials, whose best entry is one credential's side of a named thing, is about that
    // thing for both: an entry for both credentials needing the same word answers ("is CRSS Success only for the
    // crss or can cprs use it" is the program, not its CRSS-only funding history).
    const sameThing = (a: Entry, b: Entry) => (this.needs.get(a.id) ?? []).some((n) => !WEAK_NEEDS.has(n) && q.terms.includes(n) && (this.needs.get(b.id) ?? []).includes(n));
    const first = fitting[0];
    const forBoth = first && q.credentials.has('crss') && q.credentials.has('cprs') && first.entry.credential !== 'both'
      ? fitting.find((h) => h.entry.credential === 'both' && h.confidence >= GATED_THRESHOLD && sameThing(h.entry, first.entry))
      : undefined;
    if (forBoth) fitting.splice(fitting.indexOf(forBoth), 1), fitting.unshift(forBoth);
    const top = fitting[0];
    const compare = this.byId.get(COMPARE_ID);
    if (compare && q.credentials.has('crss') && q.credentials.has('cprs')) {
      // An entry about both credentials (fees, reciprocity …) or about a named thing (cprs-history) still wins.
      const strong = top && top.confidence >= thresholdFor(top, fitting[1]);
      const both = strong && ((top.entry.tags.includes('crss') && top.entry.tags.includes('cprs')) || this.needsMet(q, top.entry));
      // A word only one entry needs ("automatically", "2017") names that entry even beside both credentials.
      const named = forBoth ?? fitting.find((h) => this.needsMet(q, h.entry) && h.entry.credential !== 'both' && h.confidence >= GATED_THRESHOLD);
      if (!both && named) return { kind: 'answer', hit: named };
      if (!both) {
        // The comparison answers no attribute: "which exam do cprs take, is it the same as crss" is asked back.
        if (fits(q, compare)) return { kind: 'answer', hit: { entry: compare, score: top?.score ?? 0, confidence: 1 } };
        const pair = top && this.pairOf(top.entry);
        return pair ? { kind: 'ask', entries: pair } : { kind: 'unsure' };
      }
    }
    if (top && top.confidence < thresholdFor(top, fitting[1])) {
      // Asking back is safe: a question naming no credential, about an attribute both entries of a pair answer.
      const pair = this.pairOf(top.entry);
      // Not for a roadmap: that it mentions the attribute does not make it the answer ("a certificate in the mail after passing").
      if (!q.credentials.size && q.attributes.size && top.entry.attributes.length < BROAD && pair && pair.every((e) => fits(q, e)) && top.confidence >= GATED_THRESHOLD && this.unknownShare(q) < UNKNOWN_SHARE) return { kind: 'ask', entries: pair };
    }
    if (!top || top.confidence < thresholdFor(top, fitting[1])) return { kind: 'unsure' };
    // A question naming the CHW and a peer credential ("can a chw become a crss") is not the CHW entry's alone.
    const peerToo = q.credentials.has('crss') || q.credentials.has('cprs');
    if (q.credentials.has('chw') && peerToo && top.entry.credential === 'chw') {
      const peer = fitting.find((h) => h.entry.credential !== 'chw' && h.entry.credential !== 'general');
      return peer ? { kind: 'ask', entries: [top.entry, peer.entry] } : { kind: 'unsure' };
    }
    // Two different entries fit equally well (not a credential pair): asking which one is safer than picking by rank.
    // A roadmap does not tie with the narrower entry preferSpecific chose over it.
    const narrowTop = top.entry.attributes.length < BROAD;
    const tie = fitting.find((h) => h !== top && !(narrowTop && h.entry.attributes.length >= BROAD) && h.confidence >= top.confidence - TIE && h.score >= top.score * 0.9);
    const pair = this.pairOf(top.entry);
    if (tie && !(pair && pair.includes(tie.entry))) return { kind: 'ask', entries: [top.entry, tie.entry] };
    // Another fitting entry matches clearly more of the question's words, only ranking lower: which one is meant is unclear.
    const surer = fitting.find((h) => h.entry.attributes.length < BROAD && h.confidence >= top.confidence + SURER && h.score >= top.score * 0.4 && !(pair && pair.includes(h.entry)));
    if (surer) return { kind: 'ask', entries: [surer.entry, top.entry] };
    if (!q.credentials.size && pair && pair.every((e) => fits(q, e))) return { kind: 'ask', entries: pair };
    return { kind: 'answer', hit: top };
  }

  /** A CRSS/CPRS entry and its counterpart, CRSS first (the ask-back buttons). */
  private pairOf(e: Entry): Entry[] | undefined {
    const other = e.counterpart ? this.byId.get(e.counterpart) : undefined;
    if (!other || (e.credential !== 'crss' && e.credential !== 'cprs')) return undefined;
    return e.credential === 'crss' ? [e, other] : [other, e];
  }

  /**
   * An entry about one named thing and nothing else (no attributes, `needs` such as [samhsa, model]) answers every
   * aspect of that thing the question names ("does the living room cost anything"), if the credential fits —
   * except a way to contact it, which it does not list.
   */
  private aboutNamedThing(q: Question, e: Entry): boolean {
    if (e.attributes.length || !fitsCredential(q, e.credential) || !this.needsMet(q, e)) return false;
    // A phone number or an address it does not give, or a matter no entry covers (salary, languages …): never.
    const towardCredential = q.credentials.has('crss') || q.credentials.has('cprs');
    // What counts toward a named credential (work, hours, supervision, education, CEUs) is the credential's entry's to say:
    // "does volunteering at a drop-in center count toward the crss hours" is the work experience, not the center.
    return [...q.attributes].every((a) => !(towardCredential && TOWARD_CREDENTIAL.has(a)) && a !== 'contact' && (ATTRIBUTES as readonly string[]).includes(a));
  }

  /** Whether the question says one of the words an entry about one named thing needs (not just "get" → become). */
  private needsMet(q: Question, e: Entry): boolean {
    return (this.needs.get(e.id) ?? []).some((n) => !WEAK_NEEDS.has(n) && q.terms.includes(n));
  }

  /**
   * How confident the best fitting entry must be. The gates (whom, which attribute, the needed words) already
   * exclude every entry that could answer wrongly; when they single out one entry — the question names an
   * attribute or a word the entry needs, and no other fitting entry comes close — the extra words a member adds
   * ("total newbie here", "start to finish") should not turn a clear question into a "not sure".
   */
  private thresholdFor(q: Question, top: Hit, second: Hit | undefined, excluded: number): number {
    const gated = q.attributes.size > 0 || this.needsMet(q, top.entry);
    const ahead = !second || second.confidence <= top.confidence - SEPARATION || second.score * SCORE_LEAD <= top.score || second.entry.id === top.entry.counterpart;
    const alone = ahead && excluded <= top.confidence + SEPARATION;
    // Words found nowhere in the base ("in spanish", "if i fail") ask something no entry answers.
    const strange = this.unknownShare(q) >= UNKNOWN_SHARE;
    return gated && alone && !strange ? GATED_THRESHOLD : CONFIDENCE_THRESHOLD;
  }

  /** Ranked hits with their confidence, best first (also the "not sure" suggestions). */
  search(question: string, limit = 5): Hit[] {
    const q = this.analyzed(question);
    const hits = this.ranked(q, limit);
    const exactId = this.exact.get(keyOf(q.said));
    if (!exactId) return hits;
    return [{ entry: this.byId.get(exactId)!, score: hits[0]?.score ?? 0, confidence: 1 }, ...hits.filter((h) => h.entry.id !== exactId)].slice(0, limit);
  }

  /**
   * How much a question's term counts toward confidence: its rarity in the base; a word found nowhere weighs the
   * most, unless the member said it as a verb, adjective or adverb (chatter.ts); words nearly every entry shares
   * weigh a quarter.
   */
  private weight(q: Question, t: string): number {
    const known = this.idf.get(t);
    const w = known ?? this.unknownWeight * (q.chatter.has(t) ? CHATTER_WEIGHT : 1);
    return w * (COMMON_DOMAIN_TERMS.has(t) ? 0.25 : 1);
  }

  /** The share of a question's weight carried by words that occur nowhere in the base. */
  private unknownShare(q: Question): number {
    const weight = (t: string) => this.weight(q, t);
    const total = q.terms.reduce((s, t) => s + weight(t), 0);
    const unknown = q.terms.filter((t) => !this.idf.has(t)).reduce((s, t) => s + weight(t), 0);
    return total ? unknown / total : 0;
  }

  private ranked(q: Question, limit: number): Hit[] {
    const terms = q.terms;
    if (!terms.length) return [];
    const weight = (t: string) => this.weight(q, t);
    const total = terms.reduce((s, t) => s + weight(t), 0);
    // The last question's search is kept with it: "not sure" ranks the same question again for its suggestions.
    const last = this.last?.q === q ? this.last : undefined;
    const results: SearchResult[] = last?.results ?? this.mini.search(terms.join(' '));
    if (last) last.results = results;
    const hits = results.slice(0, limit).map((r) => {
      const matched = new Set(r.queryTerms);
      const got = terms.filter((t) => matched.has(t)).reduce((s, t) => s + weight(t), 0);
      return { entry: this.byId.get(r.id as string)!, score: r.score, confidence: total ? got / total : 0 };
    });
    return hits;
  }
}

/** An entry answering five or more attributes is a roadmap (how to become a CRSS …), not the answer to one of them. */
const BROAD = 5;

/**
 * A roadmap entry gives way to a narrower fitting entry close to it: "how many hours do i have to work before i can
 * get the cprs" is the work-hours entry, not the whole roadmap that also mentions hours.
 */
function preferSpecific(q: Question, fitting: Hit[]): Hit[] {
  const top = fitting[0];
  if (!top || !q.attributes.size || top.entry.attributes.length < BROAD) return fitting;
  const narrower = fitting.find((h) => h.entry.attributes.length < BROAD && h.score >= top.score * 0.5 && h.confidence >= top.confidence * 0.6);
  return narrower ? [narrower, ...fitting.filter((h) => h !== narrower)] : fitting;
}

/** A question's key for exact and taught matches: its canonical terms, deduplicated and sorted. */
export const keyOf = (terms: string[]): string => [...new Set(terms)].sort().join(' ');
