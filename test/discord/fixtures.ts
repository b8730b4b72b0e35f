// Small commands that exercise every Discord path: typed options, strings, subcommands, buttons, a select,
// a form, leadership guards, slow and failing handlers, attachments.
import { z } from 'zod';
import { defineCommand, defineForm, defineLeaf } from '../../src/core/command.js';
import { leaderOnly } from '../../src/core/guards.js';
import type { MessageRef } from '../../src/core/message.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where the last `/vote start` landed, as ctx.reply reported it (polls keep this to edit tallies). */
export const landed: { ref?: MessageRef } = {};

export const echo = defineCommand({
  name: 'echo',
  description: 'Say something back',
  leaf: defineLeaf({
    name: 'echo',
    description: 'Say something back',
    options: {
      text: z.string().min(1).max(50).describe('What to say'),
      times: z.number().int().min(1).max(3).default(1).describe('How many times'),
      loud: z.boolean().optional().describe('Shout it'),
      mood: z.enum(['calm', 'glad']).optional().describe('The mood'),
    },
    positional: ['text'],
    async run(ctx, o) {
      const said = Array.from({ length: o.times }, () => (o.loud ? o.text.toUpperCase() : o.text)).join(' ');
      await ctx.reply(o.mood ? `${said} (${o.mood})` : said);
    },
  }),
});

export const ask = defineCommand({
  name: 'ask',
  description: 'A poll-like command with a list of answers',
  leaf: defineLeaf({
    name: 'ask',
    description: 'A poll-like command with a list of answers',
    options: {
      question: z.string().min(1).max(200).describe('The question'),
      answers: z.array(z.string().min(1).max(55)).min(2).max(4).describe('Answers to choose from'),
    },
    positional: ['question', 'answers'],
    async run(ctx, o) {
      await ctx.reply({ title: o.question, fields: o.answers.map((a, n) => ({ name: `${n + 1}`, value: a })) });
    },
  }),
});

export const vote = defineCommand({
  name: 'vote',
  description: 'Buttons, a select, a form and leadership',
  subcommands: [
    defineLeaf({
      name: 'start',
      description: 'Post a vote',
      options: {},
      async run(ctx) {
        landed.ref = await ctx.reply({
          title: 'Lunch?',
          buttons: [
            { label: 'Yes', action: { command: 'vote', action: 'pick', value: 'yes' }, style: 'primary' },
            { label: 'No', action: { command: 'vote', action: 'pick', value: 'no' } },
            { label: 'End', action: { command: 'vote', action: 'end', value: 'v1' }, style: 'danger' },
          ],
          select: { placeholder: 'Or choose', action: { command: 'vote', action: 'pick' }, options: [{ label: 'Pizza', value: 'pizza' }, { label: 'Soup', value: 'soup' }] },
        });
      },
    }),
    defineLeaf({
      name: 'close',
      description: 'Close the vote (leadership)',
      options: {},
      guards: [leaderOnly],
      async run(ctx) {
        await ctx.reply('The vote is closed.');
      },
    }),
    defineLeaf({
      name: 'suggest',
      description: 'Suggest an idea in a form',
      options: {},
      async run(ctx) {
        const opened = await ctx.openForm({ command: 'vote', form: 'idea', state: 'v1', title: 'Suggest an idea', fields: [{ id: 'idea', label: 'Your idea', style: 'paragraph' }] });
        if (!opened) await ctx.ephemeral('Forms do not open here.');
      },
    }),
  ],
  actions: {
    pick: {
      async run(ctx, { value, values }) {
        const choice = values[0] ?? value;
        await ctx.updateSource?.({ title: 'Lunch?', text: `Last pick: ${choice}` });
        await ctx.ephemeral(`You picked ${choice}.`);
      },
    },
    end: {
      guards: [leaderOnly],
      async run(ctx) {
        await ctx.updateSource?.({ title: 'Lunch?', text: 'Closed.' });
      },
    },
  },
  forms: {
    idea: defineForm({
      fields: { idea: z.string().min(5).max(200) },
      async run(ctx, { idea }, state) {
        await ctx.reply(`Idea for ${state}: ${idea}`);
      },
    }),
  },
});

export const slow = defineCommand({
  name: 'slow',
  description: 'Handlers that take their time',
  subcommands: [
    defineLeaf({ name: 'private', description: 'Slow private answer', options: {}, async run(ctx) { await sleep(300); await ctx.ephemeral('Took a while.'); } }),
    defineLeaf({ name: 'public', description: 'Slow public answer', options: {}, async run(ctx) { await sleep(300); await ctx.reply('Posted after a while.'); } }),
    defineLeaf({ name: 'boom', description: 'Fails after a while', options: {}, async run() { await sleep(300); throw new Error('kaboom'); } }),
    defineLeaf({
      name: 'export',
      description: 'A file',
      options: {},
      async run(ctx) {
        await ctx.ephemeral({ text: 'Here is the export.', attachments: [{ filename: 'votes.csv', contentType: 'text/csv', content: 'answer,count\nyes,3\n' }] });
      },
    }),
  ],
});

export const fixtures = [echo, ask, vote, slow];
