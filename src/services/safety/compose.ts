// The compositional layer: crisis language is a person + a concept + a cue of intent, time or finality, close
// together ("sleep and never waking up sounds really nice", "i know which bridge and i know when"). Phrase lists
// only catch the phrasings someone thought of; a concept near a cue near a person catches the ones they did not.
// Runs over the canonical text (normalise.ts) after idioms and negations are blanked (context.ts).
import { FRAMES } from './frames.js';
import { PROFESSIONAL } from './context.js';
import type { Family } from './lexicon.js';

const alt = (words: string[]) => `(?:${words.join('|')})`;

/** The writer or someone they are with (kept for reading who a hit is about). */
export const SELFREF = alt(['i', 'me', 'my', 'myself', 'mine', 'yo', 'mi', 'im']);
export const OTHER = alt([
  'he', 'she', 'they', 'him', 'her', 'them', 'his', 'their', 'client', 'peer', 'sponsee', 'sponsor', 'mentee', 'friend', 'brother', 'sister', 'mom', 'mother', 'dad',
  'father', 'son', 'daughter', 'wife', 'husband', 'partner', 'roommate', 'cousin', 'member', 'participant', 'companero', 'companera', 'amigo', 'amiga', 'hermano',
  'hermana', 'hijo', 'hija', 'cliente', 'esposo', 'esposa', 'mama', 'papa',
]);

interface Concept {
  family: Family;
  /** The concept's words. */
  what: string;
  /** Cues that turn the concept into a crisis when they are near it (intent, desire, time, finality, quantity). */
  cue: string;
  /** Words apart the concept and the cue may be. */
  window?: number;
}

const DESIRE = [
  'want', 'wanted', 'wants', 'wish', 'wishing', 'pray', 'praying', 'hope', 'hoping', 'ready', 'going to', 'gonna', 'plan', 'planning', 'soon', 'tonight',
  'for good', 'permanently', 'forever', 'anymore', 'can not wait', 'sounds (?:nice|good|peaceful|better|great)', 'would not mind', 'wouldnt mind', 'okay with', 'ok with', 'fine with',
  'for weeks', 'lately', 'a lot', 'every night', 'all the time', 'louder', 'decided', 'longing', 'welcome', 'peaceful', 'relief', 'just want', 'finally', 'this is the (?:week|day|night)', 'so easy', 'easy to', 'lowkey',
  'quiero', 'quisiera', 'voy a', 'ya', 'ojala', 'decidi', 'pronto', 'esta noche',
];
const AGAIN = ['again', 'relapsed', 'relapse', 'on purpose', 'till', 'til', 'until', 'urge', 'urges', 'keep', 'kept', 'started', 'sitting here', 'tonight', 'right now', 'every night', 'a mess', 'otra vez', 'de nuevo'];
const QUANTITY = [
  'swallowed', 'mixed', 'all of', 'everything', 'whole', 'bunch', 'handful', 'too much', 'too many', 'bought', 'buying', 'saved up', 'been saving',
  'stockpiled', 'stockpiling', 'stash', 'stashed', 'guardadas', 'guardado', 'high enough', 'enough to', 'best way', 'how many', 'not survive',
  'without it hurting', 'know when', 'on purpose', 'loaded', 'decided', 'decidi', 'todas',
];

const CONCEPTS: Concept[] = [
  {
    family: 'passive',
    what: alt([
      'die', 'dying', 'dead', 'death', 'not (?:be )?(?:here|around|alive)', 'not exist\\w*(?! on)', 'disappear\\w*(?! (?:into|from|for a|on|off))', 'heaven', 'never wak\\w* up', 'not wak\\w* up',
      'takes me', 'take me (?:home|away|in my sleep)', 'in my sleep', 'end (?:it|this)', 'ending (?:it|this)', 'see (?:myself|himself|herself) (?:making it|being here|being alive|alive)', 'over with', 'gone for good', 'cease', 'stop (?:breathing|existing)',
      'hit me', 'hits me', 'the pain stop', 'pain to stop', 'go through with it', 'let go', 'letting go', 'be over', 'stop being(?= \\.|$)', 'make it home', 'see (?:the )?(?:morning|tomorrow|sunrise|another day)', '(?:everything|it all) stop', 'morir\\w*', 'muert[oa]', 'desaparecer', 'vivir',
    ]),
    cue: alt(DESIRE),
    window: 8,
  },
  {
    family: 'selfharm',
    what: alt(['cut', 'cuts', 'cutting', 'razor', 'razors', 'blade', 'blades', 'bleed', 'bleeds', 'bleeding', 'self harm\\w*', 'bang\\w* (?:my|his|her) head', 'scratch\\w*', 'burn\\w* myself', 'cortar\\w*', 'cortando']),
    cue: alt(AGAIN),
    window: 8,
  },
  {
    family: 'overdose',
    what: alt([
      'pills', 'meds', 'medicine', 'medicine cabinet', 'medication', 'overdose\\w*', 'fentanyl', 'vodka', 'too much', 'gun', 'rope', 'noose', 'bridge', 'ledge', 'roof',
      'pastillas', 'pildoras', 'medicamentos', 'pistola', 'ctb', 'catch the bus',
    ]),
    cue: alt(QUANTITY),
    window: 6,
  },
];

const FAREWELL =
  /\b(?:this is (?:goodbye|my last (?:message|post|night|goodbye|words|text))|(?:tonights|tonight is) the night|love you all(?= \.|$)|tell (?:my|his|her) [a-z]+ (?:i am |im |he is |she is )?sorry|(?:wrote|writing|left|finished) (?:my |his |her )?(?:letters?|notes?) (?:to|for) (?:my|his|her)|tell (?:my|his|her) [a-z]+ (?:i|he|she) love[sd]? (?:her|him|them)(?= \.|$)|(?:will not|wont|not going to) be (?:around|here|alive) (?:for|next|much|by|to see|when|after)|not (?:going to be|gonna be) around|giving (?:my|away my|all my) (?:stuff|things|belongings) away|last message|see (?:my|his|her) [a-z]+ in heaven|ctb|catch(?:ing)? the bus(?! (?:to|at|from|in|home|downtown|every|tomorrow|or|and|back)\b)|(?:no longer|ya no) (?:voy a estar|estare) aqui|no voy a estar aqui|nothing left for me|(?:will not|wont|not going to) (?:need|be needing) (?:it|this|that|them|any of (?:it|this|that|them)|anything|my [a-z]+) (?:where|when) (?:i am|im|he is|she is|they are) (?:going|headed|heading)|(?:been )?nice knowing (?:you|everyone|everybody|y all)|(?:can not|do not|dont) see (?:any|a) way (?:through|out|forward)(?= \. |$| anymore))\b/;
const UNSAFE =
  /\b(?:(?:do not|dont|can not) trust (?:myself|himself|herself)|(?:^|(?<=\. ))not safe(?= \.|$| need| right now| tonight)|(?:can not|cant) promise (?:i will|ill|i ll|he will|she will) (?:be )?(?:ok|okay|alright|fine|safe|here)|i am not safe|he is not safe|she is not safe|has a gun (?:at home )?and a plan|took a (?:bunch|handful|lot) of|turning blue|not breathing|said goodbye to)\b/;
/** The writer speaking of themselves now ("what do i do" is a question, not a statement). */
export const FIRST_STATEMENT = /\b(?:i am (?:going|so|done|tired|scared|ready|at|on|holding|standing|sitting|not|about)|i keep|i have|i want|i just|i feel|i took|i will|i wish|i need|i can not|me|myself)\b/;

/** Ordinary absences: "won't be here next week, i'm on vacation". */
const AWAY = /\b(?:vacation|trip|pto|out of town|on leave|conference|moving|appointment|surgery|off work|holiday|visiting|travel\w*|out of (?:the )?office|cohort|good luck|graduat\w*|new (?:job|office|place|apartment|house|position)|florida|california)\b/;
/** Clear non-crisis frames for the compositional layer only: everyday plans, chores, hobbies, animals. */
const VETO = /\b(?:hair|recipe|plants?|garden|lawn|grass|paper|coupons?|budget|costs?|hours|carbs|sugar|vacation|pto|fishing|hunting|range|paintball|movie|show|game|episode|book club|battery|lol|lmao|haha|mondays|phone|printer|cooking|coffee|pan|grill|kettle|curling iron|pumpkins?|gym|accident|accidentally|stove|oven|semester|quarter|school year|winter|summer|season|workday)\b/;

interface Compiled {
  family: Family;
  re: RegExp;
}
const compile = (c: Concept): Compiled[] => {
  const gap = `(?: [a-z0-9~]+){0,${c.window ?? 8}} `;
  return [
    { family: c.family, re: new RegExp(`\\b${c.what}\\b${gap}${c.cue}\\b|\\b${c.cue}\\b${gap}${c.what}\\b`) },
  ];
};
const COMPILED = CONCEPTS.flatMap(compile);

/** The families the compositional layer hears in a clause-split canonical text, or none. */
export function compose(text: string): Family[] {
  const out = new Set<Family>();
  if (FAREWELL.test(text) && !AWAY.test(text)) out.add('plan');
  if (UNSAFE.test(text)) out.add('unsafe');
  for (const clause of text.split(/ \. (?=[a-z])/)) {
    // Chat drops the subject ("sitting here with the razor again", "took everything in the cabinet"): a clause with
    // no one named is the writer's.
    if (VETO.test(clause)) continue;
    // Talk about work ("my support group talks about wanting to die") is not the writer's own wish.
    if (PROFESSIONAL.test(clause) && !FIRST_STATEMENT.test(clause)) continue;
    for (const c of COMPILED) if (c.re.test(clause)) out.add(c.family);
  }
  // Frames may run across the sentence marks of a message typed in pieces ("make it stop. permanently.").
  const joined = text.replace(/ \. /g, ' ');
  if (!VETO.test(text)) for (const f of FRAMES) if (f.re.test(joined) || f.re.test(text)) out.add(f.family);
  return [...out];
}
