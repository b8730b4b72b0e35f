// Members' chat spelling brought to plain English before the phrase rewrites (synonyms.ts) run: text-speak ("u",
// "b4", "wat", "kno"), digits used as words ("2 take", "4 the crss"), dropped letters ("shud", "hav"), common
// Spanish words members mix in ("cuanto cuesta", "horas"), and the preamble of a leader asking for someone else
// ("one of my members wants to know …"), which says nothing about the question itself.
// Applied to lowercased, accent-free text; the same step runs on questions and on entries.

/** One chat word → plain words. Only words that never mean anything else in this base. */
const WORDS: Record<string, string> = {
  u: 'you', ur: 'your', cna: 'can', wich: 'which', whih: 'which', mch: 'much', muh: 'much', fr: '', frfr: '', b: '', yo: 'hey', wats: 'whats', wuts: 'whats', ther: 'there', thier: 'their', wher: 'where', becuz: 'because', r: 'are', n: 'and', b4: 'before', bfore: 'before', wat: 'what', wut: 'what',
  wht: 'what', whta: 'what', kno: 'know', knw: 'know', shud: 'should', shld: 'should', cud: 'could', wud: 'would',
  hav: 'have', hve: 'have', rly: 'really', bc: 'because', cuz: 'because', coz: 'because', tho: 'though', thru: 'through',
  w: 'with', wo: 'without', btwn: 'between', betwen: 'between', diff: 'difference', abt: 'about', bout: 'about',
  prolly: 'probably', rn: 'now', ppl: 'people', pple: 'people', sum1: 'someone', some1: 'someone', any1: 'anyone',
  im: 'i am', ive: 'i have', dont: 'do not', doesnt: 'does not', didnt: 'did not', cant: 'can not', wont: 'will not',
  gotta: 'have to', hafta: 'have to', gonna: 'going to', wanna: 'want to', tryna: 'trying to', lemme: 'let me',
  q: 'question', qs: 'questions', yrs: 'years', mos: 'months', wk: 'week', wks: 'weeks',
  nite: 'night', tonite: 'tonight', meetng: 'meeting', hw: 'how', hou: 'how', wen: 'when', wer: 'where', whr: 'where',
  // Spanish members mix in
  cuanta: 'how much', cuesta: 'cost', cuestan: 'cost', cuantos: 'how many', cuantas: 'how many',
  horas: 'hours', examen: 'exam', prueba: 'exam', precio: 'price', costo: 'cost', pagar: 'pay', dinero: 'money',
  ayuda: 'help', necesito: 'need', necesita: 'need', requisitos: 'requirements', renovar: 'renew', renovacion: 'renewal',
  certificacion: 'certification', certificado: 'certified', diferencia: 'difference', titulo: 'degree', clases: 'classes',
  entrenamiento: 'training', capacitacion: 'training', antecedentes: 'background',
  como: 'how', puedo: 'can i', donde: 'where', cuando: 'when', que: 'what', cual: 'which', es: 'is', la: 'the',
  el: 'the', los: 'the', las: 'the', un: 'a', una: 'a', de: 'of', del: 'of the', para: 'for', por: 'for', ser: 'be',
  y: 'and', o: 'or', mi: 'my', tengo: 'i have', hay: 'is there', sin: 'without', con: 'with', si: 'if', trabajo: 'work',
  aplico: 'apply', aplicar: 'apply', aplicacion: 'application', solicitud: 'application', tener: 'have', universitario: 'college',
  hijo: 'son', hija: 'daughter', esposo: 'husband', esposa: 'wife', madre: 'mother', padre: 'father', mama: 'mom', papa: 'dad',
  familia: 'family', esta: 'is', estoy: 'i am', en: 'in', recuperacion: 'recovery', necesario: 'necessary', gratis: 'free',
  valida: 'valid', valido: 'valid', cuanto: 'how much',
  escuela: 'school', universidad: 'college', colegio: 'college', estado: 'state', otro: 'another', beca: 'scholarship',
};

/** Digits used as words: "2" before a verb is "to", "4" before a noun phrase is "for"; "2 years", "4 domains" stay. */
const TO_VERBS = 'be|take|get|pay|apply|renew|become|do|start|know|find|sit|work|keep|have|see|ask|go|study|prepare|pass|register|sign|call|use|make|count|qualify|join|submit|talk';
const FOR_WORDS = 'the|a|an|my|me|this|that|it|crss|cprs|chw|renewal|exam|test|us|them|him|her|someone|people|peers|each|both|every|free|real|sure';

const RULES: [RegExp, string][] = [
  // A leader asking for someone else: the preamble names no credential or attribute.
  [
    /\b(?:(?:one|some|a few) of )?(?:my|our|a|one|some|the) (?:members?|peers?|supervisees?|clients?|participants?|mentees?|volunteers?|interns?|residents?|attendees?|folks|staff|team ?mates?|coworkers?|co-workers?|people|students?|group|team)(?: members?)?(?: in (?:my|our) (?:group|team|program|meeting))? (?:is |are |was |were )?(?:asks?|asked|asking|wants? to know|wanted to know|wondering|wonders|wondered|needs? to know)(?: me| us)?(?: if| whether| about)?\b/g,
    ' ',
  ],
  [/\b(?:somebody|someone|a person|a guy|a lady|a girl) (?:in|on|from) (?:my|our) (?:group|team|program|meeting|class)\b/g, ' someone '],
  [/\b(?:asking|asks|asked) for (?:a )?(?:friend|member|peer|someone|somebody)\b/g, ' '],
  // Money signs and number signs
  [/\$+/g, ' cost '],
  [/#(?!\d)/g, ' number '],
  [new RegExp(`\\b2 (?=(?:${TO_VERBS})\\b)`, 'g'), ' to '],
  [new RegExp(`\\b4 (?=(?:${FOR_WORDS})\\b)`, 'g'), ' for '],
  [/\b(?:2|two) (?=(?:crss|cprs)\b)/g, ' to '],
  [/\bw\/o\b/g, ' without '],
  [/\bw\//g, ' with '],
];

/** Plain English for a lowercased, accent-free text. */
export function plainEnglish(text: string): string {
  let s = text;
  for (const [re, to] of RULES) s = s.replace(re, to);
  return s.replace(/[\p{L}\p{N}$#]+/gu, (w) => WORDS[w] ?? w).replace(/ {2,}/g, ' ');
}
