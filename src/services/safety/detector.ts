// The crisis detector: does this message sound like someone (the writer, or a person they are with) may be in
// danger? When in doubt it fires: showing the crisis lines to someone who did not need them costs little;
// missing someone costs a life. It reads the raw text before any other processing and keeps nothing.
import { FIRST_STATEMENT, OTHER, compose } from './compose.js';
import { HYPOTHETICAL, IDIOMS, INFO, NEGATIONS, NOW, PROFESSIONAL, TOPICS, blank } from './context.js';
import { type Family, PATTERNS, type Person } from './lexicon.js';
import { modelRead } from './features.js';
import { modelPerson, modelScore } from './model.js';
import { normalise } from './normalise.js';
import { SPANISH } from './spanish.js';

export interface Verdict {
  crisis: boolean;
  /** Who is at risk: the writer (first) or someone they are helping (third). First wins when both. */
  person: Person;
  lang: 'en' | 'es';
  /** The rule families that matched; 'learned' when only the trained model heard it. */
  families: (Family | 'learned')[];
  /** The trained model's probability that this is a crisis (0-1); a number only, never stored with anything. */
  score: number;
  /** Not a crisis, but about suicide, self-harm or overdose (a training, a service): worth a one-line 988 reminder. */
  topic: boolean;
}

const FIRST = new Set(['i', 'me', 'myself', 'yo']);
const THIRD = new Set([
  'he', 'she', 'they', 'him', 'her', 'them', 'his', 'their', 'himself', 'herself', 'themselves', 'someone', 'somebody',
  'client', 'peer', 'friend', 'son', 'daughter', 'mom', 'mother', 'dad', 'father', 'brother', 'sister', 'wife', 'husband', 'partner',
  'boyfriend', 'girlfriend', 'coworker', 'cousin', 'roommate', 'participant', 'patient', 'member', 'neighbor', 'kid', 'child', 'uncle',
  'aunt', 'grandma', 'grandpa', 'guy', 'lady', 'man', 'woman', 'dude', 'girl', 'boy', 'nephew', 'niece', 'spouse', 'fiance', 'buddy', 'bestie', 'consumer', 'student', 'teen', 'colleague', 'mentee', 'sponsee', 'sponsor',
]);
/** A report of someone else's words: "client texted me", "she asked me" (the "me" is the listener, not the one at risk). */
const REPORTING = new Set(['asked', 'told', 'texted', 'messaged', 'called', 'emailed', 'showed', 'sent', 'dmd', 'wrote', 'tells', 'asks', 'texts']);
const DEFINITE = /\b(?:my|our|his|her) (?:client|friend|peer|son|daughter|mom|mother|dad|father|brother|sister|wife|husband|partner|boyfriend|girlfriend|coworker|cousin|roommate|participant|patient|member|neighbor|kid|child|uncle|aunt|colleague|mentee|sponsee)\b|\b(?:he|she|they) (?:is|was|has|had|said|says|told|texted|posted|just|took|wants|keeps)\b/;

/** A question about what something is ("i mean it" is not one). */
const ASKS_WHAT = /\b(?:what (?:is|are) (?:a |an |the )?[a-z0-9]+(?: [a-z0-9]+)?(?= \.|$| and\b| or\b| for\b| in\b)|definition|difference between|what (?:does|do) (?:[a-z]+ ){1,6}mean)\b/;

/** Families whose words are also the words of trainings and services ("suicide", "overdose", "self harm"). */
const UNSPOKEN = new Set<Family>(['direct', 'selfharm', 'overdose']);

const clauseBefore = (text: string, at: number) => text.slice(0, at).split(' . ').pop() ?? '';

/** Who the matched words are about: their own pronoun, else the nearest subject before them in the clause. */
function personOf(text: string, match: RegExpExecArray): Person | undefined {
  const said = match[0];
  // Slang spelled out by normalise.ts ("he's gonna kms" → "he is going to kill myself") keeps its real subject.
  if (/\bmyself\b/.test(said) && /\b(?:he|she|they)(?: is| are| was| keeps| says| said)?(?: just)? (?:going to|gonna|wants? to|about to|will|trying to|threatening to|threatened to|talking about|might)$/.test(clauseBefore(text, match.index).trim())) return 'third';
  if (/\b(?:myself|my|i|(?:without|with|miss|hits|hit|over|talk|stop) me)\b/.test(said)) return 'first';
  if (/\b(?:himself|herself|themselves|his|their|he|she|they|(?:without|with|miss|hits|hit|over) (?:him|her|them))\b/.test(said)) return 'third';
  const words = clauseBefore(text, match.index).split(' ').reverse();
  for (const [i, w] of words.entries()) {
    if (w === 'me' && REPORTING.has(words[i + 1] ?? '')) continue;
    if (FIRST.has(w)) return 'first';
    if (THIRD.has(w) || THIRD.has(w.replace(/s$/, ''))) return 'third';
  }
  return undefined;
}

/**
 * The crisis detector: the hand-written rules below read the message, then the trained model (model.ts) reads it
 * with the rules' verdict and decides. A rule hit stands unless the model is sure the message is ordinary; the model
 * alone calls a crisis when its probability passes its threshold (both levels chosen by k-fold cross-validation).
 */
export function detect(raw: string): Verdict {
  const text = normalise(raw);
  const clean = blank(blank(text, IDIOMS), NEGATIONS);
  const verdict = rules(text, clean);
  const read = modelRead(text);
  const learned = modelScore(read, verdict);
  const { layer: _layer, ...ruled } = verdict;
  if (!learned.crisis) return { ...ruled, crisis: false, families: [], score: learned.p, topic: verdict.topic || verdict.crisis };
  // Who is at risk: the person model, given the rules' reading (rules.ts personOf, or the compositional reading).
  const person = modelPerson(read, rulesPerson(verdict, clean));
  if (verdict.crisis) return { ...ruled, person, score: learned.p };
  // Heard by the model only: which language from the same reading the compositional layer uses.
  return { crisis: true, person, lang: spanishText(text) ? 'es' : 'en', families: ['learned'], score: learned.p, topic: false };
}

/** The rules' guess of who is at risk: their verdict's when they fired, else the compositional reading. */
export const rulesPerson = (verdict: { crisis: boolean; person: Person }, clean: string): Person => (verdict.crisis ? verdict.person : composedPerson(clean));

/** Which rule layer heard it: a crisis phrase, a person + concept + cue composition, or a lone crisis word. */
export type Layer = 'phrase' | 'composed' | 'word';

/** The hand-written rules alone (the training script measures them with and without the model). */
export function rules(text: string, clean: string): Omit<Verdict, 'score'> & { layer?: Layer } {
  const strongText = blank(clean, TOPICS.slice(0, 2));
  const hits: { family: Family; person: Person; lang: 'en' | 'es' }[] = [];
  for (const p of SPANISH) if (p.re.test(clean)) hits.push({ family: p.family, person: p.person, lang: 'es' });
  const imagined = HYPOTHETICAL.test(clean) && (!NOW.test(clean) || PROFESSIONAL.test(clean)) && !DEFINITE.test(clean);
  for (const p of PATTERNS) {
    if (p.weak) continue;
    const m = p.re.exec(strongText);
    if (!m || p.unless?.test(clean)) continue;
    // "kill yourself" is method-seeking ("how do you kill yourself") or abuse, not a statement about anyone.
    if (/\byourself\b/.test(m[0]) && p.family !== 'method') continue;
    const reported = REPORTED.exec(strongText);
    const person = p.person ?? (reported && reported.index < m.index ? 'third' : personOf(strongText, m));
    if (person !== 'first' && imagined) continue;
    // No one named ("committed suicide or died by suicide?") in talk about work or training: a topic, not a crisis.
    if (!person && UNSPOKEN.has(p.family) && (PROFESSIONAL.test(strongText) || INFO.test(strongText))) continue;
    hits.push({ family: p.family, person: person ?? 'first', lang: 'en' });
  }
  let layer: Layer | undefined = hits.length ? 'phrase' : undefined;
  // Phrasings no list foresaw: a person, a concept and a cue close together. Imagined cases and questions about
  // what something is stay topics; a named person or the writer in the moment still counts.
  if (!hits.length && !((imagined && !FIRST_STATEMENT.test(clean)) || (ASKS_WHAT.test(clean) && !DEFINITE.test(clean)))) {
    for (const family of compose(clean)) hits.push({ family, person: composedPerson(clean), lang: spanishText(text) ? 'es' : 'en' });
  }
  layer ??= hits.length ? 'composed' : undefined;
  let topic = false;
  if (!hits.length) {
    const weakText = blank(clean, TOPICS);
    for (const p of PATTERNS) {
      if (!p.weak) continue;
      const m = p.re.exec(weakText);
      if (!m) continue;
      if (PROFESSIONAL.test(weakText) || INFO.test(weakText) || imagined) {
        topic = true;
        continue;
      }
      hits.push({ family: p.family, person: personOf(weakText, m) ?? 'first', lang: 'en' });
      layer = 'word';
    }
    topic ||= /\b(?:suicid\w*|self harm\w*|overdos\w*|988|crisis)\b/.test(text);
  }
  const first = hits.some((h) => h.person === 'first');
  return {
    crisis: hits.length > 0,
    person: hits.length && !first ? 'third' : 'first',
    lang: hits.some((h) => h.lang === 'es') && (hits.every((h) => h.lang === 'es') || spanishText(text)) ? 'es' : 'en',
    families: [...new Set(hits.map((h) => h.family))],
    topic: !hits.length && topic,
    layer,
  };
}

const REPORTED = new RegExp(`\\b(?:${[...THIRD].join('|')})s? (?:(?:${[...REPORTING].join('|')}) me|texted|posted|wrote|messaged|said)\\b`);

const REPORTED_ME = new RegExp(`\\b(?:tell|${[...REPORTING].join('|')}) me\\b`, 'g');
const THEIR_WORDS = /\b(?:his|her|their) (?:last |final )?(?:text|message|post|words|note) (?:was|were|said|says)\b/;
const SOMEONE_ELSE = new RegExp(`\\b${OTHER}\\b`);

/** Who a compositional hit is about: the writer unless only someone else is named. */
const composedPerson = (text: string): Person => {
  if (!/\b(?:i am|im|i) (?:going|want|wish|will|have|took|cut|bought)\b/.test(text) && (REPORTED.test(text) || THEIR_WORDS.test(text))) return 'third';
  const own = text.replace(REPORTED_ME, ' ').replace(/\bmy (?:[a-z]+ ){0,2}[a-z]+s? (?=(?:just |also )?(?:is|was|has|had|said|says|keeps|posted|texted|told|called|asked|wont|will|locked|took|bought|cut|cuts)\b)|\bmy (?:client|friend|peer|son|daughter|mom|mother|dad|father|brother|sister|wife|husband|partner|sponsee|mentee|roommate|cousin|group)s?\b|\b(?:im|i am) (?:a|an) [a-z]+\b|\bmy next step\b/g, ' ');
  if (/\b(?:i|me|my|myself|im|yo|tengo|estoy|quiero|voy|siento)\b/.test(own)) return 'first';
  return DEFINITE.test(text) || SOMEONE_ELSE.test(text) ? 'third' : 'first';
};

/** A rough look at the language of the message (for a message whose crisis words matched in both languages). */
const spanishText = (text: string) => {
  const es = text.match(/\b(?:que|de|del|no|me|mi|mis|la|las|lo|los|el|y|en|por|para|quiero|estoy|es|ya|tengo|se|un|una|esta|si|yo|todo|nada)\b/g)?.length ?? 0;
  const en = text.match(/\b(?:i|the|to|and|my|a|is|it|you|of|in|for|on|at|this|that|im|am|me)\b/g)?.length ?? 0;
  return es >= 3 || (es >= 1 && es > en);
};

/** True when the text sounds like a crisis. */
export const isCrisis = (text: string): boolean => detect(text).crisis;

/**
 * The text with its crisis wording blanked, so that a certification question in the same message can still be
 * answered ("how much is the exam, i cant take this anymore" → "how much is the exam").
 */
export function withoutCrisis(raw: string): string {
  // Sentences that are not a crisis on their own are the question; the crisis sentences go whole ("how many hours
  // for crss? honestly i feel like ending it all" → "how many hours for crss"). A message of one mixed sentence
  // loses the crisis phrases only.
  const sentences = normalise(raw).split(' . ');
  const calm = sentences.filter((x) => !detect(x).crisis);
  let s = calm.length && calm.length < sentences.length ? calm.join(' . ') : sentences.join(' . ');
  for (const p of [...PATTERNS, ...SPANISH]) s = s.replace(new RegExp(p.re.source, 'g'), ' ');
  return s.replace(/\b(?:anymore|like this|tonight|today|i|want|to)\b/g, ' ').replace(/\s+/g, ' ').trim();
}
