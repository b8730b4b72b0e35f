// The crisis guard: a question that sounds like the member may be in danger is answered first, privately,
// with the people who can help now — and its text is never stored or logged. When in doubt, it fires:
// showing the crisis lines to someone who did not need them costs little; missing someone costs a life.
import type { Message } from '../../core/message.js';

const PATTERNS: RegExp[] = [
  /\bsuicid/,
  /\bkill(ing)? (my ?self|me)\b/,
  /\b(end|ending|take|taking) (my|my own) life\b/,
  /\bend (it|it all|everything)\b/,
  /\b(want|wanna|wanted|going|ready|trying) (to )?die\b/,
  /\bwish (i|that i) (was|were|had) (dead|never been born)\b/,
  /\bbetter off (dead|without me)\b/,
  /\b(don'?t|do not|dont) want to (be here|live|be alive|exist|wake up)\b/,
  /\bno (reason|point) (to|in) (live|living|going on)\b/,
  /\bnothing (left )?to live for\b/,
  /\b(can'?t|cannot|can not|cant) (go on|keep going|do this anymore|take (it|this) anymore|keep living)\b/,
  /\bself[- ]?harm/,
  /\b(hurt|hurting|cut|cutting|harm|harming|burn|burning) my ?self\b/,
  /\bover ?dos(e|ed|ing)\b/,
  /\b(took|take|taking|swallowed) (too many|all (my|the|of my)) (pills|meds|medication)/,
  /\bod'd\b/,
  /\bhang(ing)? my ?self\b/,
  /\bjump(ing)? off (a|the) (bridge|roof|building)\b/,
  /\bun-?alive\b/,
  /\b(say(ing)?|said) goodbye (to everyone|forever)\b/,
  /\bgive up on (life|living|everything)\b/,
  /\bno way out\b/,
  /\b(not|never) (be|being) (around|here) (much longer|anymore|tomorrow)\b/,
  /\b(relaps(e|ed|ing)|using again) and (scared|can'?t stop|want to die)/,
];

const prepare = (text: string) => text.toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ');

/** True when the text contains crisis language. Works on the raw text, before any other processing. */
export function isCrisis(text: string): boolean {
  const s = prepare(text);
  return PATTERNS.some((re) => re.test(s));
}

/** The text with its crisis wording blanked out, so that a certification question in it can still be answered. */
export function withoutCrisis(text: string): string {
  let s = prepare(text);
  for (const re of PATTERNS) s = s.replace(new RegExp(re.source, 'g'), ' ');
  return s.replace(/\b(anymore|like this|tonight|today)\b/g, ' ');
}

export const CRISIS_LINES = {
  lifeline: '988',
  cares: '1-800-345-9049',
  warmLine: '1-866-359-7953',
};

/** The private answer shown first, before anything else, when a question contains crisis language. */
export function crisisMessage(): Message {
  return {
    title: 'You do not have to go through this alone',
    tone: 'danger',
    text: [
      'It sounds like things may be really hard right now. Please reach out to someone who can help now:',
      `- **Call or text ${CRISIS_LINES.lifeline}** (Suicide & Crisis Lifeline), any time, day or night. Online chat is also available.`,
      `- **CARES line ${CRISIS_LINES.cares}**: Illinois crisis line, 24/7; it can send a mobile crisis team.`,
      `- **Illinois Warm Line ${CRISIS_LINES.warmLine}**: peers to talk with when you are struggling. It is _not_ a crisis line, and its hours (listed as Monday–Friday, 8am–5pm) may have changed.`,
      'If you might act on these thoughts soon, call or text 988 right now, or go to the nearest emergency room.',
    ].join('\n'),
    footer: 'This message is only visible to you. Your words were not saved.',
  };
}
