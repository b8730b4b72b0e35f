import { z } from 'zod';
import { defineCommand, defineLeaf } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { helpFor, helpIndex } from '../src/core/help.js';

export default defineCommand({
  name: 'help',
  description: 'List the commands, or explain one',
  leaf: defineLeaf({
    name: 'help',
    description: 'List the commands, or explain one',
    options: { command: z.string().max(32).optional().describe('A command to explain, e.g. poll') },
    positional: ['command'],
    examples: ['/help', '/help poll'],
    async run(ctx, { command }) {
      if (!command) return void (await ctx.ephemeral(helpIndex(ctx.commands, ctx.actor.isLeader)));
      const name = command.replace(/^\//, '').toLowerCase();
      const def = ctx.commands.find((c) => c.name === name);
      if (!def) {
        const names = ctx.commands.map((c) => `/${c.name}`).join(', ');
        throw new UserError('help.unknown', `There is no command /${name}. The commands are: ${names}.`);
      }
      await ctx.ephemeral(helpFor(def, ctx.actor.isLeader));
    },
  }),
});
