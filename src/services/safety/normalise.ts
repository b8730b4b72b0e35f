// Text as the detector reads it: one canonical spelling of whatever a member typed on a phone at 2am.
// NFKC and lower case, accents and curly quotes flattened, letters spelled out ("k i l l", "s.u.i.c.i.d.e")
// joined, leetspeak ("k1ll mys3lf") read as letters, stretched letters ("diiie") squeezed, contractions with or
// without their apostrophe expanded ("im", "cant", "wanna"), chat shorthand and a few common typos repaired.
// The result is lower-case words separated by single spaces; sentence marks are kept as " . " for clause breaks.

/** Words the detector looks for; a stretched or misspelt token is repaired to one of these. */
const VOCAB = [
  'kill', 'killed', 'killing', 'die', 'died', 'dying', 'dead', 'death', 'myself', 'himself', 'herself', 'themselves', 'yourself',
  'suicide', 'suicidal', 'overdose', 'overdosed', 'overdosing', 'pills', 'hopeless', 'worthless', 'anymore', 'unalive',
  'goodbye', 'tonight', 'tomorrow', 'disappear', 'everyone', 'everybody', 'existing', 'exist', 'alive', 'living', 'want',
  'wanna', 'please', 'help', 'end', 'life', 'burden', 'hurt', 'hurting', 'cutting', 'sleep', 'wake', 'never', 'morir', 'matarme',
  'suicidarme', 'quiero',
];
/** Long, distinctive words where one typing slip (a letter missing, extra, wrong or swapped) is repaired. */
const REPAIRABLE = ['suicide', 'suicidal', 'myself', 'himself', 'herself', 'themselves', 'overdose', 'overdosed', 'overdosing', 'hopeless', 'worthless', 'anymore', 'unalive', 'goodbye', 'tonight', 'disappear', 'everyone', 'everybody'];
/** Real words one slip away from a repairable word: never "repaired". */
const PROTECTED = new Set(['overdone', 'overdoes', 'overdoing', 'overdid', 'overdo', 'overlose', 'hopefully', 'yourself', 'ourself', 'itself', 'everyones', 'suicida', 'suicidas', 'suicidar', 'suicidio', 'suicidios', 'matarse', 'matarte']);

const TYPOS: Record<string, string> = {
  wnat: 'want', wnna: 'want to', wnan: 'want to', lyfe: 'life', lyf: 'life', wnt: 'want', watn: 'want', wan: 'want', whant: 'want', wamt: 'want', wana: 'want to', wanan: 'want to',
  ded: 'dead', diee: 'die', dye: 'dye', suiside: 'suicide', sucide: 'suicide', suicidle: 'suicidal', suicidial: 'suicidal', suacide: 'suicide',
  myslef: 'myself', mysef: 'myself', meself: 'myself', mself: 'myself', myselfe: 'myself', mysel: 'myself', myslf: 'myself',
  tonite: 'tonight', tonigh: 'tonight', '2nite': 'tonight', '2night': 'tonight', tn: 'tonight', rn: 'right now', tmrw: 'tomorrow', tmr: 'tomorrow', tomorow: 'tomorrow', tmrrw: 'tomorrow',
  u: 'you', bout: 'about', abt: 'about', ur: 'your', ppl: 'people', cuz: 'because', bc: 'because', coz: 'because', b4: 'before', pls: 'please', plz: 'please', nite: 'night',
  every1: 'everyone', some1: 'someone', no1: 'no one', any1: 'anyone', noone: 'no one', nobody: 'nobody', evry: 'every', evryone: 'everyone',
  anymor: 'anymore', nemore: 'anymore', gudbye: 'goodbye', goodby: 'goodbye', bye: 'bye', gbye: 'goodbye',
  wanna: 'want to', wannna: 'want to', gonna: 'going to', gona: 'going to', gunna: 'going to', finna: 'going to', imma: 'i am going to', ima: 'i am going to',
  tryna: 'trying to', gotta: 'got to', hafta: 'have to', outta: 'out of', lemme: 'let me', dunno: 'do not know',
  im: 'i am', ive: 'i have', iam: 'i am', cant: 'can not', cannot: 'can not', dont: 'do not', doesnt: 'does not', didnt: 'did not',
  wont: 'will not', wouldnt: 'would not', couldnt: 'could not', shouldnt: 'should not', isnt: 'is not', arent: 'are not',
  wasnt: 'was not', werent: 'were not', havent: 'have not', hasnt: 'has not', hadnt: 'had not', aint: 'am not',
  whats: 'what is', thats: 'that is', theres: 'there is', hes: 'he is', shes: 'she is', theyre: 'they are', youre: 'you are',
  itll: 'it will', theyll: 'they will', hed: 'he would', shed: 'she would', theyd: 'they would', theyve: 'they have', weve: 'we have',
  iwant: 'i want', iwanna: 'i want to', iwish: 'i wish', ineed: 'i need', kms: 'kill myself', kmss: 'kill myself', kys: 'kill yourself', unalive: 'unalive', sewerslide: 'suicide', selfharm: 'self harm', sh: 'self harm', shd: 'self harmed', shing: 'self harming', ctb: 'ctb', selfharming: 'self harming',
  od: 'overdose', ods: 'overdoses', odd: 'odd', oding: 'overdosing', oded: 'overdosed', odeed: 'overdosed', odedd: 'overdosed',
};

/** Digits and symbols read as letters inside a word that has letters ("k1ll", "mys3lf", "$uicide", "d!e"). */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't' };

export function normalise(raw: string): string {
  // A capital I standing for an l ("kiII myself") before lower case hides the difference.
  let s = raw.normalize('NFKC').replace(/(?<=[a-z])I+/g, (m) => 'l'.repeat(m.length)).toLowerCase();
  s = s.normalize('NFD').replace(/\p{M}+/gu, ''); // accents: "mañana" → "manana", "extrañaría" → "extranaria"
  s = s.replace(/[\u00ad\u200b-\u200f\u2060\ufeff]/g, '');
  s = s.replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
  // OD'd, o.d.'d, OD'ed and friends, before apostrophes go ("od'd" must not become "odd").
  s = s.replace(/\bo\.?d\.?\s?'\s?(d|ed)\b/g, ' overdosed ').replace(/\bo\.d\.?(?=\s|$)/g, ' overdose ').replace(/\bo\.?d\.?'?ing\b/g, ' overdosing ');
  s = s.replace(/\b(sewer|suey)[\s-]?slid(e|ing)\b/g, ' suicide ').replace(/\bun[\s-]alive/g, 'unalive').replace(/\bself[\s-]+(harm|injur|delet|hat)/g, 'self $1');
  s = s.replace(/\bw\/o\b/g, ' without ').replace(/\bw\/(?=\s)/g, ' with ');
  s = s.replace(/\bsui\s+cid/g, 'suicid');
  s = joinSpelled(s);
  s = s.replace(/[a-z0-9@$!|+]+/g, (w) => (/[a-z]/.test(w) && /[0-9@$!|+]/.test(w) && !/^\d/.test(w) && !(w in TYPOS) ? [...w].map((c) => LEET[c] ?? c).join('') : w));
  s = s.replace(/'/g, '');
  s = s.replace(/[.?!;:\n]+/g, ' . ').replace(/[^a-z0-9. ]+/g, ' ');
  const words = s.split(/\s+/).filter(Boolean).flatMap((w) => (TYPOS[w] ?? repair(w)).split(' '));
  return expand(words.join(' '));
}

/** Runs of three or more single letters with one separator between them ("k i l l", "s.u.i.c.i.d.e") become a word. */
function joinSpelled(s: string): string {
  // Words spelled letter by letter with a wider gap between words: "i w a n t  t o  d i e".
  s = s.replace(/(?<![a-z])[a-z](?: {1,}[a-z](?![a-z]))+/g, (m) => (/ {2,}/.test(m) && / [a-z] /.test(m) ? m.split(/ {2,}/).map((w) => w.replace(/ /g, '')).join(' ') : m));
  return s.replace(/(?<![a-z])(?:[a-z][ .\-_*]){2,}[a-z](?![a-z])/g, (m) => m.replace(/[ .\-_*]/g, ''));
}

const squeeze = (w: string) => w.replace(/(.)\1+/g, '$1');
const ING = new Set(['killing', 'dying', 'ending', 'cutting', 'hurting', 'thinking', 'feeling', 'going', 'trying', 'nothing', 'living', 'wanting', 'planning', 'taking', 'overdosing', 'harming', 'something', 'saying', 'doing', 'hoping', 'praying', 'wishing', 'burning', 'hanging', 'jumping', 'drinking', 'using', 'shooting', 'fighting']);
const SQUEEZED = new Map(VOCAB.map((v) => [squeeze(v), v]));
const COMMON = new Set(['wil', 'fil', 'kil']);
const KNOWN = new Set([...VOCAB, ...REPAIRABLE, 'overdoses']);

/** A stretched, glued or slightly misspelt token, read as the vocabulary word it most likely is. */
function repair(w: string): string {
  if (w.length < 3 || /\d/.test(w) || KNOWN.has(w)) return w;
  if (/(.)\1\1/.test(w) || COMMON.has(w)) {
    const v = SQUEEZED.get(squeeze(w));
    if (v) return v;
  }
  if (w.length >= 5 && !PROTECTED.has(w)) {
    for (const v of REPAIRABLE) if (v !== w && Math.abs(v.length - w.length) <= 1 && oneSlip(w, v)) return v;
  }
  // Dropped g: "killin", "dyin", "thinkin".
  if (w.endsWith('in') && ING.has(`${w}g`)) return `${w}g`;
  const glued = split(w);
  return glued ?? w;
}

/** True when `a` becomes `b` by one inserted, deleted, changed or swapped-neighbour letter. */
function oneSlip(a: string, b: string): boolean {
  if (a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tail = (x: string, y: string) => x === y;
  return (
    tail(a.slice(i + 1), b.slice(i + 1)) || // changed
    tail(a.slice(i + 1), b.slice(i)) || // extra letter in a
    tail(a.slice(i), b.slice(i + 1)) || // letter missing in a
    (a[i] === b[i + 1] && a[i + 1] === b[i] && tail(a.slice(i + 2), b.slice(i + 2))) // swapped
  );
}

/** Words glued together when spaces were lost ("killmyself", "wanttodie"): only when every piece is a known word. */
const PIECES = new Set(['kill', 'myself', 'my', 'self', 'end', 'life', 'want', 'to', 'die', 'i', 'wanna', 'suicide', 'am', 'going', 'it', 'all', 'take', 'own']);
function split(w: string): string | undefined {
  if (w.length < 7) return undefined;
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= w.length; end++) {
    for (let start = Math.max(0, end - 7); start < end; start++) {
      const piece = w.slice(start, end);
      if (best[start] && PIECES.has(piece) && (piece.length > 1 || piece === 'i')) best[end] = [...best[start]!, piece];
    }
  }
  const parts = best[w.length];
  return parts && parts.length > 1 && parts.some((p) => ['kill', 'die', 'suicide', 'myself', 'life'].includes(p)) ? parts.join(' ') : undefined;
}

/** Two-word spellings of one word, and contractions that only make sense before certain words. */
function expand(s: string): string {
  return ` ${s} `
    .replace(/ (my|him|her|them|your|me) (self|selves|slef) /g, (_m, p: string) => ` ${p === 'me' ? 'my' : p}${p === 'them' ? 'selves' : 'self'} `.replace('myself', 'myself'))
    .replace(/ themself /g, ' themselves ')
    .replace(/ any (more|longer) /g, ' anymore ')
    .replace(/ to di (?=\.|$)/g, ' to die ')
    .replace(/ good bye /g, ' goodbye ')
    .replace(/ id (rather|be|like|never|just|better|kill|die|want|love|have|go|end|do|take|sooner) /g, ' i would $1 ')
    .replace(/ ill (kill|end|die|be|never|just|do|take|hurt|overdose|off|jump|hang|cut|make|finally) /g, ' i will $1 ')
    .replace(/ (want|going|like|need|ready|have|how|about) 2 (?=[a-z])/g, ' $1 to ')
    .replace(/\s+/g, ' ')
    .trim();
}
