// The registry's one error boundary, through the real registry and a real (in-memory) sqlite store.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineForm, defineLeaf } from '../../src/core/command.js';
import { StoreUnavailableError, UserError } from '../../src/core/errors.js';
import { leaderOnly } from '../../src/core/guards.js';
import { type Harness, harness, leader, member } from '../helpers/context.js';

let ran: string[] = [];

const demo = defineCommand({
  name: 'demo',
  description: 'A command for tests',
  defaultSubcommand: 'echo',
  subcommands: [
    defineLeaf({
      name: 'echo',
      description: 'Say it back',
      options: {
        words: z.string().min(1).max(20).describe('What to say'),
        times: z.number().int().min(1).max(3).optional().describe('How often'),
      },
      positional: ['words'],
      rest: 'words',
      async run(ctx, { words, times }) {
        ran.push('echo');
        await ctx.reply(Array(times ?? 1).fill(words).join(' '));
      },
    }),
    defineLeaf({
      name: 'secret',
      description: 'Leaders only',
      options: {},
      guards: [leaderOnly],
      run() {
        ran.push('secret');
      },
    }),
    defineLeaf({
      name: 'oops',
      description: 'Fails',
      options: { kind: z.enum(['user', 'bug', 'store']).describe('How') },
      positional: ['kind'],
      run(_ctx, { kind }) {
        if (kind === 'user') throw new UserError('demo.user', 'That poll is closed.');
        if (kind === 'store') throw new StoreUnavailableError(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }));
        throw new Error('secret internals at /srv/app.ts:12');
      },
    }),
  ],
  actions: {
    approve: { guards: [leaderOnly], run: () => void ran.push('approve') },
  },
  forms: {
    note: defineForm({
      guards: [leaderOnly],
      fields: { title: z.string().min(3).max(10), body: z.string().optional() },
      run: (_ctx, values) => void ran.push(`note:${values.title}`),
    }),
  },
});

let h: Harness;
const setup = async () => {
  ran = [];
  h = await harness([demo]);
  return h;
};
afterEach(async () => {
  await h?.close();
  h = undefined as unknown as Harness; // closed: a later describe must not close it again
});

describe('registry', () => {
  it('runs the default subcommand when the first word names none', async () => {
    await setup();
    const said = await h.run('/demo hello there');
    expect(said).toMatchObject([{ kind: 'reply', text: 'hello there' }]);
  });

  it('answers bad options privately with the option named and the usage', async () => {
    await setup();
    const said = await h.run('/demo echo hi --times 7');
    expect(ran).toEqual([]);
    expect(said).toHaveLength(1);
    expect(said[0]!.kind).toBe('ephemeral');
    expect(said[0]!.text).toContain('--times can be at most 3');
    expect(said[0]!.text).toContain('Usage: /demo echo words… [--times <times>]');
  });

  it('says which required option is missing', async () => {
    await setup();
    const said = await h.run('/demo oops');
    expect(said[0]!.text).toContain('"kind" is missing');
  });

  it('refuses a leadership subcommand to a member, and runs it for a leader', async () => {
    await setup();
    const refused = await h.run('/demo secret', member());
    expect(refused).toMatchObject([{ kind: 'ephemeral' }]);
    expect(refused[0]!.text).toMatch(/Only NIAPP leadership/);
    expect(ran).toEqual([]);
    await h.run('/demo secret', leader());
    expect(ran).toEqual(['secret']);
  });

  it('checks guards on button clicks too', async () => {
    await setup();
    await h.registry.runAction(h.surface(member()), { command: 'demo', action: 'approve' });
    expect(ran).toEqual([]);
    expect(h.said.at(-1)!.text).toMatch(/Only NIAPP leadership/);
    await h.registry.runAction(h.surface(leader()), { command: 'demo', action: 'approve' });
    expect(ran).toEqual(['approve']);
  });

  it('validates form fields and returns one message per bad field; guards apply to forms', async () => {
    await setup();
    const bad = await h.registry.submitForm(h.surface(leader()), { command: 'demo', form: 'note' }, { title: 'ab', body: '' });
    expect(bad).toEqual({ ok: false, errors: { title: 'Use at least 3 characters.' } });
    const ok = await h.registry.submitForm(h.surface(leader()), { command: 'demo', form: 'note' }, { title: 'Hello', body: '' });
    expect(ok).toEqual({ ok: true, outcome: 'done' });
    await h.registry.submitForm(h.surface(member()), { command: 'demo', form: 'note' }, { title: 'Sneaky', body: '' });
    expect(ran).toEqual(['note:Hello']);
  });

  it('names options as Discord shows them when they arrived as named options, without the typed usage line', async () => {
    await setup();
    await h.registry.runOptions(h.surface(member()), 'demo', 'echo', { words: 'hi', times: 7 });
    expect(h.said.at(-1)!.message.text).toBe('`times` can be at most 3.');
  });

  it('says a wrong value is wrong, not missing', async () => {
    await setup();
    expect((await h.run('/demo oops nope'))[0]!.text).toContain('"kind" must be one of: user, bug, store.');
    expect((await h.run('/demo echo hi --times three'))[0]!.text).toContain('--times must be a whole number.');
  });

  it('takes an unclosed quote as a character in free text, but refuses it where words are separate options', async () => {
    await setup();
    expect((await h.run('/demo echo "hi'))[0]).toMatchObject({ kind: 'reply', text: '"hi' });
    expect((await h.run('/demo oops "user'))[0]!.text).toContain('A quote was opened but not closed');
  });

  it("shows a UserError's own message", async () => {
    await setup();
    const said = await h.run('/demo oops user');
    expect(said).toMatchObject([{ kind: 'ephemeral', text: 'That poll is closed.' }]);
  });

  it('turns an unexpected error into an apology with a reference id and no internals', async () => {
    await setup();
    const said = await h.run('/demo oops bug');
    expect(said[0]!.kind).toBe('ephemeral');
    expect(said[0]!.text).toMatch(/Sorry, something went wrong.*reference [0-9a-f]{8}/);
    expect(said[0]!.text).not.toContain('/srv/app.ts');
  });

  it('asks to try again when the store is unavailable', async () => {
    await setup();
    const said = await h.run('/demo oops store');
    expect(said[0]!.text).toMatch(/storage is not available.*nothing was saved.*try again/);
  });

  it('answers an unknown command and an unknown subcommand helpfully', async () => {
    await setup();
    expect((await h.run('/nope'))[0]!.text).toContain('There is no command /nope');
    await h.registry.runOptions(h.surface(leader()), 'demo', 'missing', {});
    expect(h.said.at(-1)!.text).toContain('/demo has no subcommand missing');
  });

  it('waits for in-flight work in drain()', async () => {
    await setup();
    const slow = defineCommand({
      name: 'slow',
      description: 'slow',
      leaf: defineLeaf({ name: 'slow', description: 'slow', options: {}, run: () => new Promise((r) => setTimeout(() => r(void ran.push('slow')), 50)) }),
    });
    const h2 = await harness([slow]);
    void h2.registry.runText(h2.surface(member()), 'slow', '');
    await h2.registry.drain();
    expect(ran).toEqual(['slow']);
    await h2.close();
  });
});

describe('help', () => {
  it('lists for a member only the commands a member may use, and leadership ones for leaders', async () => {
    const h = await harness([demo, defineCommand({
      name: 'boss',
      description: 'Leaders only',
      guards: [leaderOnly],
      leaf: defineLeaf({ name: 'boss', description: 'x', options: {}, run() {} }),
    })]);
    const { helpIndex } = await import('../../src/core/help.js');
    const forMember = helpIndex(h.registry.commands, false).fields!.map((f) => `${f.name}: ${f.value}`);
    expect(forMember).toEqual(['/demo: A command for tests — echo, oops']);
    const forLeader = helpIndex(h.registry.commands, true).fields!.map((f) => f.name);
    expect(forLeader).toEqual(['/demo', '/boss']);
    await h.close();
  });
});
