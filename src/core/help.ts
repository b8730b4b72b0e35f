// Help, generated from the command definitions: nothing here is written by hand per command.
import type { CommandDef } from './command.js';
import { leavesOf } from './command.js';
import { leaderOnly } from './guards.js';
import type { Field, Message } from './message.js';
import { optionLabel, optionSpecs, usageOf } from './options.js';

const isLeaderOnly = (def: CommandDef, guards?: unknown[]) =>
  (def.guards ?? []).includes(leaderOnly) || (guards ?? []).includes(leaderOnly);

/** All commands, one line each; leadership-only ones marked. */
export function helpIndex(commands: readonly CommandDef[], forLeader: boolean): Message {
  const fields: Field[] = commands.flatMap((def) => {
    const leaves = leavesOf(def).filter(({ leaf }) => forLeader || !isLeaderOnly(def, leaf.guards));
    if (!leaves.length) return []; // nothing in it that this member may use
    const subs = def.subcommands ? ` — ${leaves.map(({ leaf }) => leaf.name).join(', ')}` : '';
    return [{ name: `/${def.name}`, value: `${def.description}${subs}` }];
  });
  return {
    title: 'NIAPP bot commands',
    text: 'Type a command to use it. `/help <command>` shows the details of one.',
    fields,
    footer: 'In a crisis, call or text 988 any time.',
  };
}

/** One command in detail: each subcommand's usage, options and examples. */
export function helpFor(def: CommandDef, forLeader: boolean): Message {
  const fields: Field[] = [];
  for (const { path, leaf } of leavesOf(def)) {
    const leaderOnlyLeaf = isLeaderOnly(def, leaf.guards);
    if (leaderOnlyLeaf && !forLeader) continue;
    const usage = usageOf(leaf);
    const lines = [leaf.description + (leaderOnlyLeaf ? ' _(leadership)_' : '')];
    for (const spec of optionSpecs(leaf)) {
      const choices = spec.choices ? ` (${spec.choices.join(', ')})` : '';
      lines.push(`- \`${optionLabel(spec)}\`${spec.required ? '' : ' (optional)'}: ${spec.description}${choices}`);
    }
    for (const example of leaf.examples ?? []) lines.push(`- e.g. \`${example}\``);
    fields.push({ name: `/${path.join(' ')}${usage ? ` ${usage}` : ''}`, value: lines.join('\n') });
  }
  if (def.defaultSubcommand) {
    fields.push({ name: 'Shortcut', value: `\`/${def.name} …\` without a subcommand means \`/${def.name} ${def.defaultSubcommand} …\`.` });
  }
  return { title: `/${def.name}`, text: def.description, fields };
}
