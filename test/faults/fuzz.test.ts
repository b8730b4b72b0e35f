// Fuzz: 1,000 random command lines per command (random quotes, flags, unicode, very long text) through the
// real parser, registry and handlers, and random clicks on every action. Never a crash, never an internal
// error, never a stack trace in what a member reads.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { leavesOf } from '../../src/core/command.js';
import { kebab, optionSpecs } from '../../src/core/options.js';
import { harness, leader, member } from '../helpers/context.js';

const LINES_PER_COMMAND = 1000;

/** A small seeded PRNG (mulberry32) so that a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '', ' ', '"', "'", '\\', '\\"', '""', '“', '’', '--', '---', '-', '—', '--=', '=', '0', '-1', '1e309', 'NaN', '3.7', '99999999999999999999',
  '🙂', '👩🏽‍⚕️', 'ÅÄÖ', 'עברית', '\u200b', '\u202e', 'e\u0301', '\u0000', '\n', '\t', '<!channel>', '<@U123>', '@everyone', '@here',
  '<script>', '*bold*', '**', '`', '[x](javascript:alert(1))', 'https://example.org', 'tomorrow 9am', 'in 2 hours', '2026-12-01 09:00',
  '1999-01-01 00:00', '* * * * *', '0 9 * * 1', '61 * * * *', '7d,1d,1h', 'yes', 'crss', 'cprs', 'both', 'slack', 'discord',
];

function line(rand: () => number, cmd: (typeof commands)[number]): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const leaves = leavesOf(cmd);
  const words: string[] = [];
  if (cmd.subcommands && rand() < 0.8) words.push(pick(leaves).leaf.name);
  const flags = leaves.flatMap(({ leaf }) => optionSpecs(leaf).map((s) => `--${s.flag}`));
  const count = Math.floor(rand() * 8);
  for (let i = 0; i < count; i++) {
    const r = rand();
    if (r < 0.25 && flags.length) words.push(pick(flags));
    else if (r < 0.3) words.push(`--${kebab(pick(['nope', 'Multi', 'HIDE-RESULTS', 'x'.repeat(40)]))}`);
    else if (r < 0.5) words.push(`"${pick(NASTY)} ${pick(NASTY)}"`);
    else if (r < 0.55) words.push('x'.repeat(Math.floor(rand() * 6000)));
    else if (r < 0.6) words.push(String.fromCodePoint(...Array.from({ length: 1 + Math.floor(rand() * 30) }, () => Math.floor(rand() * 0x2ffff))));
    else words.push(pick(NASTY));
  }
  return words.join(rand() < 0.9 ? ' ' : '  ');
}

const STACK = /\bat \S+ \(|\.ts:\d+|\.js:\d+|node:internal|TypeError|ReferenceError|ZodError|SQLITE_|Error: /;

describe('fuzz: random command lines never crash or leak internals', () => {
  it.each(commands.map((c) => [c.name, c] as const))('/%s', async (_name, cmd) => {
    const h = await harness(commands);
    const rand = rng(0x5eed ^ cmd.name.length ^ cmd.name.charCodeAt(0));
    try {
      for (let i = 0; i < LINES_PER_COMMAND; i++) {
        const text = line(rand, cmd);
        const actor = rand() < 0.5 ? leader() : member(`m${i % 7}`);
        const before = h.said.length;
        await h.registry.runText(h.surface(actor), cmd.name, text);
        const said = h.said.slice(before);
        for (const s of said) {
          if (STACK.test(s.text) || /something went wrong on our side/.test(s.text)) {
            throw new Error(`/${cmd.name} ${JSON.stringify(text.slice(0, 300))} as ${actor.id} → ${s.text.slice(0, 500)}`);
          }
        }
      }
      // Random clicks on every action with random values.
      for (const action of Object.keys(cmd.actions ?? {})) {
        for (let i = 0; i < 50; i++) {
          const before = h.said.length;
          const value = rand() < 0.5 ? pick(rand, NASTY) : Math.floor(rand() * 1e9).toString(36);
          await h.registry.runAction(h.surface(rand() < 0.5 ? leader() : member()), { command: cmd.name, action, value }, [pick(rand, NASTY)]);
          for (const s of h.said.slice(before)) {
            expect(s.text, `click ${cmd.name}:${action} ${JSON.stringify(value)}`).not.toMatch(STACK);
            expect(s.text).not.toMatch(/something went wrong on our side/);
          }
        }
      }
    } finally {
      await h.close();
    }
  }, 120_000);
});

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}
