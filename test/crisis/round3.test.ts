// The families the third held-out set missed, in new wording (none of these sentences is in any training or
// development file): each must be a crisis for the right person, and the idioms and reassurances beside them must
// stay ordinary. Checks that the rules and the person model express the concepts, not the held-out sentences.
import { describe, expect, it } from 'vitest';
import { crisisMessage, detect } from '../../src/services/safety/index.js';

const CRISIS: [text: string, person: 'first' | 'third', lang: 'en' | 'es'][] = [
  ['relapsed and carved into my leg after dinner', 'first', 'en'],
  ["sh'd in the bathroom at work today", 'first', 'en'],
  ['quit cutting in college, 8 years clean, did it again last night', 'first', 'en'],
  ['been quietly saving up my ativan since october', 'first', 'en'],
  ["no point paying the renewal fee, i won't need it where i'm headed", 'first', 'en'],
  ['is a bridge or pills quicker', 'first', 'en'],
  ["i'm honestly not safe tonight", 'first', 'en'],
  ['i just want to disappear off the face of the planet', 'first', 'en'],
  ['kinda hoping the uber crashes on the way home', 'first', 'en'],
  ['deseo no haber nacido jamás', 'first', 'es'],
  ["my coworker says she's gonna kms after this shift", 'third', 'en'],
  ['some guy is slumped in the stairwell, lips gray, not breathing right', 'third', 'en'],
];
const ORDINARY = [
  "my laptop is at 3%, it's about to die, I'll send the slides later",
  "had three plates of tamales, I'm going to die lol",
  'the CEU deadline is the hill I will die on',
  "not thinking about hurting myself at all, just tired of this portal",
  "I don't want to die, I just want this shift to be over",
  'nobody is hurting themselves, the paper cut is from the binder',
  'mi celular se va a morir, te llamo luego',
  'mi hija se cortó cocinando, llego tarde',
  "I don't want to die in this traffic, I'll dial in from the car",
  'the of and',
];

describe('crisis net, round 3 families in new wording', () => {
  it.each(CRISIS)('%s → a crisis for the %s person (%s)', (text, person, lang) => {
    const v = detect(text);
    expect(v, text).toMatchObject({ crisis: true, person, lang });
    const message = JSON.stringify(crisisMessage(v));
    expect(message).toContain('988');
    if (lang === 'en') expect(message).toContain(person === 'first' ? 'call or text 988' : 'Getting help for them now');
  });

  it.each(ORDINARY)('%s → ordinary', (text) => {
    expect(detect(text).crisis, text).toBe(false);
  });
});
