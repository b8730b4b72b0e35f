// Which of a question's words are the way it is said rather than what it is about. A word found nowhere in the
// knowledge base weighs the most when the matcher judges its confidence (search.ts): an unknown *thing* ("nurse",
// "cadc", "therapist") means the question asks about something the base lacks. An unknown verb, adjective or
// adverb ("finished", "carry over", "too old") is usually just how a member phrases a question the base answers.
// wink-nlp's English model tags parts of speech (about 50 µs a question); nouns and proper nouns stay "things".
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { termsOf } from './synonyms.js';

let nlp: WinkMethods | undefined;
const THINGS = new Set(['NOUN', 'PROPN', 'X', 'SYM']);
/** Nouns that name no topic ("what kind of thing", "how big are the orgs"): said, they are chatter too. */
const GENERIC = new Set(
  ('thing things stuff info information detail details option options way ways kind kinds type types sort sorts part parts ' +
    'amount amounts lot lots bunch piece pieces place places people person persons org orgs organization organizations ' +
    'organisation organisations agency agencies group groups area areas side sides deal matter situation question ' +
    'questions answer answers issue issues problem problems idea ideas day days week weeks month months half case cases ' +
    'rest end start beginning middle point points step chance example examples reason reasons fact facts').split(' '),
);
/**
 * Words that change what is asked, whatever their part of speech: an opinion ("the best app"), or a task the base
 * has no entry for ("update my address", "when does the office close"). They keep their full weight.
 */
const TELLING = new Set(
  'best worst better favorite favourite recommend recommended top nearest closest cheapest update updating change changing replace lost lose close closes closed open opens cancel'.split(' '),
);

/** Loads the English model (about 90 ms, once per process), so that the first member's question does not wait for it. */
export function loadTagger(): WinkMethods {
  nlp ??= winkNLP(model, ['pos']);
  return nlp;
}

/** The canonical terms of the words in `text` that are not nouns (verbs, adjectives, adverbs, numbers …). */
export function chatterTerms(text: string): Set<string> {
  const nlp = loadTagger();
  const tokens = nlp.readDoc(text).tokens();
  const values = (tokens.out(nlp.its.value) as string[]).map((v) => v.toLowerCase());
  const tags = tokens.out(nlp.its.pos) as string[];
  const out = new Set<string>();
  const thing = (i: number) => (THINGS.has(tags[i] ?? 'X') && !GENERIC.has(values[i] ?? '')) || TELLING.has(values[i] ?? '');
  for (let i = 0; i < values.length; i++) if (!thing(i)) for (const t of termsOf(values[i] ?? '')) out.add(t);
  // A term that also comes from a noun elsewhere in the question is a thing.
  for (let i = 0; i < values.length; i++) if (thing(i)) for (const t of termsOf(values[i] ?? '')) out.delete(t);
  return out;
}
