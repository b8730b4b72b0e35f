// A small command for the Slack end-to-end tests: a tally with buttons, a leader-only button and subcommand,
// and a modal form. It exercises every route of the adapter without depending on other engineers' commands.
import { z } from 'zod';
import { defineCommand, defineForm, defineLeaf } from '../../src/core/command.js';
import { leaderOnly } from '../../src/core/guards.js';
import type { Message } from '../../src/core/message.js';

export function tallyCommand() {
  const counts = new Map<string, number>();
  const runs = { show: 0, vote: 0, renamed: [] as string[] };
  const view = (question: string): Message => ({
    title: 'Tally',
    text: `${question}\nYes: ${counts.get('yes') ?? 0} · No: ${counts.get('no') ?? 0}`,
    buttons: [
      { label: 'Yes', action: { command: 'tally', action: 'vote', value: 'yes' }, style: 'primary' },
      { label: 'No', action: { command: 'tally', action: 'vote', value: 'no' } },
      { label: 'Close', action: { command: 'tally', action: 'close' }, style: 'danger' },
    ],
  });
  const def = defineCommand({
    name: 'tally',
    description: 'A test tally',
    subcommands: [
      defineLeaf({
        name: 'show',
        description: 'Show the tally',
        options: { question: z.string().min(3).max(200).describe('The question') },
        positional: ['question'],
        rest: 'question',
        async run(ctx, { question }) {
          runs.show++;
          await ctx.reply(view(question));
        },
      }),
      defineLeaf({
        name: 'reset',
        description: 'Reset the tally',
        options: {},
        guards: [leaderOnly],
        async run(ctx) {
          counts.clear();
          await ctx.ephemeral('Reset.');
        },
      }),
      defineLeaf({
        name: 'boom',
        description: 'Fails after the ack',
        options: {},
        async run() {
          await new Promise((r) => setTimeout(r, 20));
          throw new Error('database exploded at /srv/secret/path.ts:12');
        },
      }),
      defineLeaf({
        name: 'rename',
        description: 'Rename, in a form',
        options: {},
        async run(ctx) {
          const opened = await ctx.openForm({ command: 'tally', form: 'rename', state: 'tally-1', title: 'Rename the tally', fields: [{ id: 'name', label: 'New name', required: true }, { id: 'note', label: 'Note', style: 'paragraph' }] });
          if (!opened) await ctx.ephemeral('Forms do not work here.');
        },
      }),
    ],
    actions: {
      vote: {
        async run(ctx, { value }) {
          runs.vote++;
          counts.set(value, (counts.get(value) ?? 0) + 1);
          await ctx.updateSource?.(view('Lunch?'));
        },
      },
      close: {
        guards: [leaderOnly],
        async run(ctx) {
          await ctx.updateSource?.({ title: 'Tally', text: 'Closed.' });
        },
      },
    },
    forms: {
      wipe: defineForm({
        guards: [leaderOnly],
        fields: { confirm: z.literal('yes') },
        async run(ctx) {
          counts.clear();
          await ctx.reply('Wiped.');
        },
      }),
      rename: defineForm({
        fields: { name: z.string().min(3).max(20), note: z.string().max(100).optional() },
        async run(ctx, { name }, state) {
          runs.renamed.push(`${state}:${name}`);
          await ctx.reply(`Renamed to **${name}**.`);
        },
      }),
    },
  });
  return { def, runs, counts };
}
