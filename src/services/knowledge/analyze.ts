// What a question is about, read from its canonical terms: whom (CRSS, CPRS, CHW) and which attributes (fee,
// exam, renewal …). The matcher answers only from an entry that fits both; see search.ts.
import type { Attribute, Credential, Entry } from './schema.js';
import { chatterTerms } from './chatter.js';
import { termsOf } from './synonyms.js';

/** Terms that mark a question as being about an attribute. Kept short and strong: a missed attribute only widens the search. */
const ATTRIBUTE_TERMS: Record<string, Attribute | 'salary' | 'retake' | 'personage' | 'uncertified' | 'examschedule' | 'jobsearch' | 'employer' | 'language' | 'legal' | 'refund' | 'difficulty'> = {
  fee: 'fee', feehelp: 'feehelp', scholarship: 'feehelp',
  exam: 'exam',
  renewal: 'renewal',
  ceu: 'ceu',
  hour: 'hours',
  supervision: 'supervision',
  workexperience: 'work', volunteer: 'work',
  training: 'education', education: 'education', degree: 'education', highschool: 'education',
  background: 'eligibility', recoverytime: 'eligibility', eligible: 'eligibility',
  state: 'reciprocity', reciprocity: 'reciprocity',
  contact: 'contact', email: 'contact', call: 'contact', address: 'contact',
  // Asked about, but in no entry: a question about them is never answered from a neighbour.
  language: 'language', examlogistics: 'examschedule', difficulty: 'difficulty', expunge: 'legal', liability: 'legal', refund: 'refund', retake: 'retake', personage: 'personage', uncertified: 'uncertified', examschedule: 'examschedule', salary: 'salary', jobsearch: 'jobsearch', employer: 'employer', employers: 'employer', boss: 'employer', company: 'employer',
};

const CONTACT_NUMBER = /\b(phone|telephone|hotline|contact|call|text|line|lines|crisis)\b[^.?!]{0,12}\bnumbers?\b|\bnumbers?\b (to call|to text|for|of the)\b(?! (hours|ceus|credits|years|questions))/;

/** Words that take a credential to another state: "does my cprs work in indiana", "is it valid in ohio". */
const USE_THERE = /\b(use|using|work|working|practice|practicing|valid|good|count|counts|recogni[sz]ed?|accept\w*|honou?r\w*|carry|take|bring|come with|keep|transfer\w*|reciproc\w*)\b/;

/** Words that imply one credential: the 2,000 work hours are the CRSS's. */
const IMPLIED: Record<string, 'crss' | 'cprs'> = { '2000': 'crss', crsssuccess: 'crss', crssya: 'crss', crsse: 'crss' };

export interface Question {
  terms: string[];
  /** The terms as the member wrote them (before typo correction): the key of exact and taught phrasings. */
  said: string[];
  /** Credentials the question names or implies. Empty: the member means CRSS or CPRS. */
  credentials: Set<'crss' | 'cprs' | 'chw'>;
  attributes: Set<string>;
  /** Terms said as verbs, adjectives or adverbs (chatter.ts): unknown to the base, they weigh less. */
  chatter: Set<string>;
}

/**
 * What a question asks about. `correct` brings a word the base does not know to the base's word it misspells
 * (search.ts); `said` keeps the terms as written, for exact and taught phrasings.
 */
export function analyze(text: string, correct: (term: string) => string = (t) => t): Question {
  const said = termsOf(text);
  const terms = [...new Set(said.map(correct))];
  // A named state (not Illinois) is about reciprocity only beside a word about moving there or using the credential
  // there; otherwise the question asks about that state's own rules ("peer certification requirements in
  // Wisconsin"), which no entry gives.
  const named = terms.indexOf('namedstate');
  let elsewhere = false;
  if (named >= 0) {
    if (terms.includes('state') || terms.includes('reciprocity') || USE_THERE.test(text.toLowerCase())) terms.splice(named, 1, 'state');
    else elsewhere = true;
  }
  const credentials = new Set<'crss' | 'cprs' | 'chw'>();
  const attributes = new Set<string>();
  for (const t of terms) {
    if (IMPLIED[t]) credentials.add(IMPLIED[t]);
    if (t === 'crss') credentials.add('crss');
    else if (t === 'cprs') credentials.add('cprs');
    else if (t === 'chw') credentials.add('chw');
    const a = ATTRIBUTE_TERMS[t];
    if (a) attributes.add(a);
  }
  if (elsewhere) attributes.add('elsewhere');
  // A relative's substance use, with no credential named, is the CPRS's family pathway (the CRSS does not count it).
  if (!credentials.size && terms.includes('family') && terms.includes('substance')) credentials.add('cprs');
  // "a required number of ethics hours" is no contact question; "phone number", "number to call" are.
  if (CONTACT_NUMBER.test(text.toLowerCase())) attributes.add('contact');
  // Several fees at once ("application plus exam plus renewal") are one question: what all the fees are.
  const feeKinds = ['exam', 'renewal'].filter((a) => attributes.has(a)).length + (terms.includes('apply') ? 1 : 0);
  if (attributes.has('fee') && (feeKinds >= 2 || terms.includes('allfee'))) {
    for (const a of ['exam', 'renewal']) attributes.delete(a);
    if (!terms.includes('allfee')) terms.push('allfee');
  }
  // Help paying is its own question: "how do i pay for the exam if im broke" is about help, not the exam's fee.
  if (attributes.has('feehelp')) for (const a of ['fee', 'exam', 'renewal']) attributes.delete(a);
  const chatter = new Set([...chatterTerms(text)].map(correct));
  return { terms, said: [...new Set(said)], credentials, attributes, chatter };
}

/** Whether an entry may answer for whom the question asks (not whether it is the best one). */
export function fitsCredential(q: Question, credential: Credential): boolean {
  const c = q.credentials;
  if (credential === 'general') return true;
  if (credential === 'chw') return c.has('chw');
  if (c.has('chw') && !c.has('crss') && !c.has('cprs')) return false;
  if (credential === 'both' || c.size === 0) return true;
  return c.has(credential);
}

/**
 * Whether an entry answers every attribute the question asks about, and the question contains one of the words
 * the entry needs (`needs`: its words brought to canonical terms, as the index keeps them).
 */
export function fitsAttributes(q: Question, e: Entry, needs: readonly string[]): boolean {
  for (const a of q.attributes) if (!(e.attributes as string[]).includes(a)) return false;
  return !needs.length || needs.some((n) => q.terms.includes(n));
}

export const fits = (q: Question, e: Entry, needs: readonly string[]): boolean => fitsCredential(q, e.credential) && fitsAttributes(q, e, needs);

/** An entry's `needs` as canonical terms ("cares" → "care", "grants" → "grant"). */
export const needsOf = (e: Entry): string[] => [...new Set(e.needs.flatMap((n) => termsOf(n)))];
