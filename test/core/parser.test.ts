import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineLeaf } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { optionSpecs, parseWords, tokensOf, usageOf } from '../../src/core/options.js';
import { tokenize } from '../../src/core/tokenize.js';

const words = (s: string) => tokenize(s).map((t) => t.value);

describe('tokenize', () => {
  it('keeps quoted strings with spaces together', () => {
    expect(words('"Should we meet?" "Yes, Friday" No')).toEqual(['Should we meet?', 'Yes, Friday', 'No']);
  });
  it('honours escaped quotes and backslashes inside and outside quotes', () => {
    expect(words('"She said \\"hi\\"" 12\\"  a\\\\b')).toEqual(['She said "hi"', '12"', 'a\\b']);
  });
  it('accepts curly quotes typed on phones', () => {
    expect(words('“Lunch today?” “Yes” "No”')).toEqual(['Lunch today?', 'Yes', 'No']);
  });
  it('treats single quotes as apostrophes, never as grouping', () => {
    expect(words("what's the best pizza")).toEqual(["what's", 'the', 'best', 'pizza']);
    expect(words("'cause I can't go on")).toEqual(["'cause", 'I', "can't", 'go', 'on']);
    expect(words("‘Yes’ O'Brien")).toEqual(['‘Yes’', "O'Brien"]);
  });
  it('marks quoted words so that "--multi" in quotes stays text', () => {
    expect(tokenize('"--multi" --multi')).toEqual([
      { value: '--multi', quoted: true },
      { value: '--multi', quoted: false },
    ]);
  });
  it('keeps an empty quoted string as a word', () => {
    expect(words('"" x')).toEqual(['', 'x']);
  });
  it('refuses an unclosed quote with a message that says how to fix it', () => {
    expect(() => tokensOf('"Lunch?')).toThrow(/opened but not closed/);
  });
});

const poll = defineLeaf({
  name: 'create',
  description: 'Create a poll',
  options: {
    question: z.string().min(1).max(300).describe('The question'),
    options: z.array(z.string().min(1).max(80)).min(2).max(10).describe('The answers'),
    multi: z.boolean().optional().describe('Allow several answers'),
    max: z.number().int().min(1).max(10).optional().describe('How many answers at most'),
    closes: z.string().optional().describe('When the poll closes'),
    to: z.enum(['slack', 'discord', 'both']).default('both').describe('Where to post'),
  },
  positional: ['question', 'options'],
  run() {},
});

const ask = defineLeaf({
  name: 'ask',
  description: 'Ask',
  options: { question: z.string().min(1).describe('Your question') },
  positional: ['question'],
  rest: 'question',
  run() {},
});

const parse = (leaf: typeof poll, line: string) => parseWords(leaf, tokensOf(line));
const userError = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err.message;
    throw err;
  }
  throw new Error('expected a UserError');
};

describe('parseWords', () => {
  it('reads the Simple Poll form: a quoted question and quoted options', () => {
    expect(parse(poll, '"Lunch?" "Pizza place" Tacos')).toEqual({ question: 'Lunch?', options: ['Pizza place', 'Tacos'] });
  });
  it('reads --flag value, --flag=value and boolean flags anywhere in the line', () => {
    expect(parse(poll, '--multi "Q" A --closes "friday 5pm" B --max=2 --to discord')).toEqual({
      question: 'Q',
      options: ['A', 'B'],
      multi: true,
      closes: 'friday 5pm',
      max: 2,
      to: 'discord',
    });
  });
  it('accepts camelCase or kebab-case flag names the same way', () => {
    const leaf = defineLeaf({ name: 'x', description: 'x', options: { hideResults: z.boolean().optional() }, run() {} });
    expect(parseWords(leaf, tokensOf('--hide-results'))).toEqual({ hideResults: true });
    expect(parseWords(leaf, tokensOf('--hideResults'))).toEqual({ hideResults: true });
  });
  it('joins the rest of the line for a rest option', () => {
    expect(parseWords(ask, tokensOf('how much is the exam?'))).toEqual({ question: 'how much is the exam?' });
  });
  it('names an unknown flag and lists the real ones', () => {
    const msg = userError(() => parse(poll, '"Q" A B --secret'));
    expect(msg).toContain('`--secret`');
    expect(msg).toContain('--multi');
  });
  it('names a flag that is missing its value', () => {
    expect(userError(() => parse(poll, '"Q" A B --closes'))).toContain('`--closes` needs a value');
  });
  it('refuses a word it cannot place', () => {
    const leaf = defineLeaf({ name: 'x', description: 'x', options: { id: z.string() }, positional: ['id'], run() {} });
    expect(userError(() => parseWords(leaf, tokensOf('abc extra')))).toContain('"extra"');
  });
  it('turns typed numbers into numbers and leaves non-numbers for zod to name', () => {
    expect(parse(poll, '"Q" A B --max 3').max).toBe(3);
    expect(parse(poll, '"Q" A B --max three').max).toBe('three');
  });
});

describe('option specs and usage', () => {
  it('describes each option for help and for Discord', () => {
    const specs = optionSpecs(poll);
    expect(specs.map((s) => [s.key, s.kind, s.required, s.positional])).toEqual([
      ['question', 'string', true, true],
      ['options', 'strings', true, true],
      ['multi', 'boolean', false, false],
      ['max', 'integer', false, false],
      ['closes', 'string', false, false],
      ['to', 'string', false, false],
    ]);
    expect(specs[1]).toMatchObject({ min: 2, max: 10, itemMax: 80, rest: true });
    expect(specs[3]).toMatchObject({ min: 1, max: 10, description: 'How many answers at most' });
    expect(specs[5]).toMatchObject({ choices: ['slack', 'discord', 'both'], defaultValue: 'both' });
  });
  it('builds a usage line from the schema', () => {
    expect(usageOf(poll)).toBe('"question" "options" "options" … [--multi] [--max <max>] [--closes <closes>] [--to slack|discord|both]');
  });
});

describe('lenient tokenize (free text)', () => {
  it('keeps an unclosed quote as a character', () => {
    expect(words2('"i want to die')).toEqual(['"i', 'want', 'to', 'die']);
    expect(words2('"closed" and "open')).toEqual(['closed', 'and', '"open']);
  });
});

function words2(s: string) {
  return tokenize(s, { lenient: true }).map((t) => t.value);
}
