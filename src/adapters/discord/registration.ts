// Neutral command definitions → Discord application command JSON, validated against Discord's rules before
// anything is sent; and the bulk overwrite that registers them (to one server, or globally).
import { createHash } from 'node:crypto';
import { REST, Routes } from 'discord.js';
import type { CommandDef, Leaf } from '../../core/command.js';
import type { Store } from '../../storage/store.js';
import { OPTIONS_MAX, slotsOf } from './options.js';
import { clip } from './render.js';
import { discordRestAgent } from './rest-agent.js';

export const COMMAND_RULES = {
  commands: 100,
  name: /^[-_\p{L}\p{N}]{1,32}$/u,
  description: 100,
  options: OPTIONS_MAX,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  stringLength: 6000,
  /** Discord caps a command's combined name/description/value characters; 4,000 is the conservative figure. */
  totalChars: 4000,
} as const;

export interface OptionJson {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  options?: OptionJson[];
}

export interface CommandJson {
  type: 1;
  name: string;
  description: string;
  /** Guild text channels only: leadership comes from server roles, which DMs do not have. */
  contexts: [0];
  integration_types: [0];
  options?: OptionJson[];
}

export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
}

const TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5, number: 10 } as const;

function leafOptions(leaf: Leaf): OptionJson[] {
  return slotsOf(leaf).map(({ name, spec, item, required }) => {
    const description = item === undefined ? spec.description : `${clip(spec.description.replace(/\.$/, ''), COMMAND_RULES.description - 5)} (${item})`;
    const o: OptionJson = { type: TYPE.string, name, description, required };
    switch (spec.kind) {
      case 'integer':
      case 'number':
        o.type = TYPE[spec.kind];
        if (spec.min !== undefined) o.min_value = spec.min;
        if (spec.max !== undefined) o.max_value = spec.max;
        break;
      case 'boolean':
        o.type = TYPE.boolean;
        break;
      case 'strings':
        if (spec.itemMax !== undefined) o.max_length = spec.itemMax;
        break;
      case 'string':
        if (spec.choices) o.choices = spec.choices.map((c) => ({ name: c, value: c }));
        else {
          if (spec.min !== undefined && spec.min > 0) o.min_length = spec.min;
          if (spec.max !== undefined) o.max_length = spec.max;
        }
    }
    return o;
  });
}

export function commandJson(def: CommandDef): CommandJson {
  const json: CommandJson = { type: 1, name: def.name, description: def.description, contexts: [0], integration_types: [0] };
  if (def.leaf) {
    const options = leafOptions(def.leaf);
    if (options.length) json.options = options;
  } else {
    json.options = (def.subcommands ?? []).map((leaf) => {
      const sub: OptionJson = { type: TYPE.subcommand, name: leaf.name, description: leaf.description };
      const options = leafOptions(leaf);
      if (options.length) sub.options = options;
      return sub;
    });
  }
  return json;
}

/** Every rule Discord would reject a command for, as lines naming the command and option. */
export function problemsOf(json: CommandJson): string[] {
  const problems: string[] = [];
  const where = `/${json.name}`;
  let chars = 0;
  const named = (at: string, name: string, description: string) => {
    chars += name.length + description.length;
    if (!COMMAND_RULES.name.test(name)) problems.push(`${at}: name "${name}" must be 1-32 letters, digits, - or _`);
    if (name !== name.toLowerCase()) problems.push(`${at}: name "${name}" must be lowercase`);
    if (description.length < 1 || description.length > COMMAND_RULES.description) {
      problems.push(`${at}: description is ${description.length} characters (Discord allows 1-${COMMAND_RULES.description})`);
    }
  };
  const options = (at: string, list: OptionJson[] | undefined) => {
    if (!list) return;
    if (list.length > COMMAND_RULES.options) problems.push(`${at}: ${list.length} options (Discord allows ${COMMAND_RULES.options})`);
    const names = new Set<string>();
    let optionalSeen = false;
    const hasSub = list.some((o) => o.type === TYPE.subcommand);
    if (hasSub && list.some((o) => o.type !== TYPE.subcommand)) problems.push(`${at}: subcommands cannot be mixed with other options`);
    for (const o of list) {
      const oat = `${at} ${o.type === TYPE.subcommand ? o.name : `option "${o.name}"`}`;
      named(oat, o.name, o.description);
      if (names.has(o.name)) problems.push(`${oat}: the name is used twice`);
      names.add(o.name);
      if (o.type !== TYPE.subcommand) {
        if (o.required && optionalSeen) problems.push(`${oat}: required options must come before optional ones`);
        if (!o.required) optionalSeen = true;
      }
      if (o.choices) {
        if (o.choices.length > COMMAND_RULES.choices) problems.push(`${oat}: ${o.choices.length} choices (Discord allows ${COMMAND_RULES.choices})`);
        for (const c of o.choices) {
          chars += c.name.length + c.value.length;
          if (c.name.length < 1 || c.name.length > COMMAND_RULES.choiceName) problems.push(`${oat}: choice "${c.name}" must be 1-${COMMAND_RULES.choiceName} characters`);
          if (c.value.length > COMMAND_RULES.choiceValue) problems.push(`${oat}: choice value "${c.value.slice(0, 20)}…" is over ${COMMAND_RULES.choiceValue} characters`);
        }
      }
      for (const k of ['min_length', 'max_length'] as const) {
        const v = o[k];
        if (v !== undefined && (v < (k === 'min_length' ? 0 : 1) || v > COMMAND_RULES.stringLength)) problems.push(`${oat}: ${k} ${v} is outside 0-${COMMAND_RULES.stringLength}`);
      }
      if (o.min_value !== undefined && o.max_value !== undefined && o.min_value > o.max_value) problems.push(`${oat}: min_value is above max_value`);
      options(oat, o.options);
    }
  };
  named(where, json.name, json.description);
  options(where, json.options);
  if (chars > COMMAND_RULES.totalChars) problems.push(`${where}: ${chars} characters of names, descriptions and choices (Discord allows ${COMMAND_RULES.totalChars})`);
  return problems;
}

/** The JSON for every command, or a RegistrationError listing everything that Discord would reject. */
export function buildCommandJson(commands: readonly CommandDef[]): CommandJson[] {
  const problems: string[] = [];
  const json: CommandJson[] = [];
  for (const def of commands) {
    try {
      const j = commandJson(def);
      problems.push(...problemsOf(j));
      json.push(j);
    } catch (err) {
      problems.push(`/${def.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (commands.length > COMMAND_RULES.commands) problems.push(`${commands.length} commands (Discord allows ${COMMAND_RULES.commands})`);
  const names = json.map((j) => j.name);
  for (const n of new Set(names)) if (names.indexOf(n) !== names.lastIndexOf(n)) problems.push(`/${n}: two commands share this name`);
  if (problems.length) throw new RegistrationError(`The Discord commands are not valid; nothing was sent:\n  ${problems.join('\n  ')}`);
  return json;
}

export interface RegisterTarget {
  token: string;
  applicationId: string;
  /** Register to one server (instant); without it, globally (may take up to an hour to appear). */
  guildId?: string;
  apiUrl?: string;
}

/** Bulk-overwrites the application's commands with exactly these. Returns how many Discord now has. */
export async function registerCommands(target: RegisterTarget, commands: readonly CommandDef[]): Promise<number> {
  const body = buildCommandJson(commands);
  const rest = new REST({ agent: discordRestAgent() as never, ...(target.apiUrl ? { api: target.apiUrl } : {}) }).setToken(target.token);
  const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
  const result = (await rest.put(route, { body })) as unknown[];
  return result.length;
}

/** A fingerprint of what would be registered, so that the bot re-registers at start only when it changed. */
export function commandsHash(commands: readonly CommandDef[]): string {
  return createHash('sha256').update(JSON.stringify(buildCommandJson(commands))).digest('hex').slice(0, 16);
}

/** Registers at start when the definitions changed since the last successful registration. */
export async function registerIfChanged(target: RegisterTarget, commands: readonly CommandDef[], store: Store): Promise<'registered' | 'unchanged'> {
  const key = `commands:${target.applicationId}:${target.guildId ?? 'global'}`;
  const hash = commandsHash(commands);
  const keyv = store.keyv('discord');
  if ((await keyv.get(key)) === hash) return 'unchanged';
  await registerCommands(target, commands);
  await keyv.set(key, hash);
  return 'registered';
}
