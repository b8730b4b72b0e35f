// Neutral command definitions → Discord application command JSON: exact expected JSON, Discord's rules,
// and the options that come back from Discord turned into what the registry validates.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import help from '../../commands/help.js';
import { defineCommand, defineLeaf } from '../../src/core/command.js';
import { collectOptions } from '../../src/adapters/discord/options.js';
import { RegistrationError, buildCommandJson, commandJson, problemsOf } from '../../src/adapters/discord/registration.js';
import { ask, echo, fixtures, vote } from './fixtures.js';

const guildOnly = { type: 1, contexts: [0], integration_types: [0] };

describe('registration JSON', () => {
  it('maps typed options: string lengths, integer bounds, booleans, choices; required first', () => {
    expect(commandJson(echo)).toEqual({
      ...guildOnly,
      name: 'echo',
      description: 'Say something back',
      options: [
        { type: 3, name: 'text', description: 'What to say', required: true, min_length: 1, max_length: 50 },
        { type: 4, name: 'times', description: 'How many times', required: false, min_value: 1, max_value: 3 },
        { type: 5, name: 'loud', description: 'Shout it', required: false },
        { type: 3, name: 'mood', description: 'The mood', required: false, choices: [{ name: 'calm', value: 'calm' }, { name: 'glad', value: 'glad' }] },
      ],
    });
  });

  it('expands a list option into numbered string options, the first `min` required', () => {
    const answer = (n: number, required: boolean) => ({ type: 3, name: `answer${n}`, description: `Answers to choose from (${n})`, required, max_length: 55 });
    expect(commandJson(ask)).toEqual({
      ...guildOnly,
      name: 'ask',
      description: 'A poll-like command with a list of answers',
      options: [
        { type: 3, name: 'question', description: 'The question', required: true, min_length: 1, max_length: 200 },
        answer(1, true),
        answer(2, true),
        answer(3, false),
        answer(4, false),
      ],
    });
  });

  it('turns subcommands into SUB_COMMAND options', () => {
    expect(commandJson(vote).options).toEqual([
      { type: 1, name: 'start', description: 'Post a vote' },
      { type: 1, name: 'close', description: 'Close the vote (leadership)' },
      { type: 1, name: 'suggest', description: 'Suggest an idea in a form' },
    ]);
  });

  it('matches the expected JSON for /help', () => {
    expect(commandJson(help)).toEqual({
      ...guildOnly,
      name: 'help',
      description: 'List the commands, or explain one',
      options: [{ type: 3, name: 'command', description: 'A command to explain, e.g. poll', required: false, max_length: 32 }],
    });
  });

  it("builds every command of the bot within Discord's rules", () => {
    const json = buildCommandJson(commands);
    expect(json.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const c of json) {
      expect(problemsOf(c)).toEqual([]);
      expect(c.description.length).toBeLessThanOrEqual(100);
      for (const o of [...(c.options ?? []), ...(c.options ?? []).flatMap((s) => s.options ?? [])]) {
        expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
      }
    }
    expect(() => buildCommandJson(fixtures)).not.toThrow();
  });

  it('refuses, naming the command, what Discord would reject, before anything is sent', () => {
    const bad = defineCommand({
      name: 'Bad Name',
      description: 'd'.repeat(101),
      leaf: defineLeaf({ name: 'x', description: 'x', options: { thing: z.string().describe('e'.repeat(120)) }, run() {} }),
    });
    const tooMany = defineCommand({
      name: 'many',
      description: 'Too many options',
      leaf: defineLeaf({ name: 'many', description: 'x', options: Object.fromEntries(Array.from({ length: 26 }, (_, n) => [`o${n}`, z.string().optional().describe('o')])), run() {} }),
    });
    let error: unknown;
    try {
      buildCommandJson([help, bad, tooMany]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RegistrationError);
    const message = (error as Error).message;
    expect(message).toContain('/Bad Name: name "Bad Name" must be 1-32 letters, digits, - or _');
    expect(message).toContain('/Bad Name: name "Bad Name" must be lowercase');
    expect(message).toContain('/Bad Name: description is 101 characters (Discord allows 1-100)');
    expect(message).toContain('/Bad Name option "thing": description is 120 characters');
    expect(message).toContain('/many: 26 options (Discord allows 25)');
    expect(message).not.toContain('/help');
  });
});

describe('options coming back from Discord', () => {
  it('collects numbered options into a list, in order, skipping gaps', () => {
    const leaf = ask.leaf!;
    expect(collectOptions(leaf, [
      { name: 'question', value: 'Q?' },
      { name: 'answer3', value: 'C' },
      { name: 'answer1', value: 'A' },
    ])).toEqual({ question: 'Q?', answers: ['A', 'C'] });
  });

  it('keeps typed values and leaves absent options out', () => {
    expect(collectOptions(echo.leaf!, [{ name: 'text', value: 'hi' }, { name: 'loud', value: true }])).toEqual({ text: 'hi', loud: true });
  });
});
