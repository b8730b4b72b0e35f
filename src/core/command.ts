// A command is data plus handlers. From one definition the code derives the help text, the typed-text parser
// (Slack, console), the Discord registration JSON and the Slack manifest entry.
import type { z } from 'zod';
import type { Ctx } from './context.js';
import type { Guard } from './guards.js';

export type Shape = Record<string, z.ZodType>;

/** One runnable form of a command: the command itself, or one of its subcommands. */
export interface Leaf<S extends Shape = Shape> {
  name: string;
  description: string;
  /** Options as a zod shape; every field should carry `.describe('…')` (used in help and on Discord). */
  options: S;
  /**
   * Options that may be given as bare words, in order. The last one may take the rest of the line:
   * an array option collects the remaining words, a string option listed in `rest` joins them with spaces.
   */
  positional?: (keyof S & string)[];
  rest?: keyof S & string;
  /**
   * Typed text only: called when the first positional word came without quotes, with all the positional words;
   * a message returned is the member's error (e.g. /poll, where an unquoted question would be cut at a space).
   */
  unquoted?: (words: string[]) => string | undefined;
  guards?: Guard[];
  /** Shown under the usage line in help, e.g. '/cert how much is the exam'. */
  examples?: string[];
  /**
   * When the raw-text guard flagged the words (a crisis message), the registry answers "nothing was kept" and
   * does not run the leaf, unless it says 'run' (e.g. /cert, which still answers the certification part). Such a
   * leaf must keep nothing of the words when `ctx.flagged`.
   */
  screened?: 'run';
  run(ctx: Ctx, options: z.infer<z.ZodObject<S>>): Promise<void> | void;
}

/** A button or select handler. `value` is the packed ActionRef value; `values` the chosen select options. */
export interface ActionDef {
  guards?: Guard[];
  run(ctx: Ctx, input: { value: string; values: string[] }): Promise<void> | void;
}

export interface FormDef<S extends Shape = Shape> {
  guards?: Guard[];
  /** Field ids of the form map to these keys; a failing field's message is shown next to that field. */
  fields: S;
  run(ctx: Ctx, values: z.infer<z.ZodObject<S>>, state: string | undefined): Promise<void> | void;
}

export interface CommandDef {
  name: string;
  description: string;
  /** Either `leaf` (a plain command) or `subcommands` (`/poll create`, `/poll close`). */
  leaf?: Leaf;
  subcommands?: Leaf[];
  /** The subcommand used when the first word names none (e.g. `/cert how much` → `ask`). */
  defaultSubcommand?: string;
  /** Guards applied to every subcommand, action and form of this command. */
  guards?: Guard[];
  actions?: Record<string, ActionDef>;
  forms?: Record<string, FormDef>;
}

/** Keeps the option types of a leaf so that `run` sees them typed. */
export function defineLeaf<S extends Shape>(leaf: Leaf<S>): Leaf {
  return leaf as unknown as Leaf;
}

export function defineForm<S extends Shape>(form: FormDef<S>): FormDef {
  return form as unknown as FormDef;
}

export function defineCommand(def: CommandDef): CommandDef {
  if (!def.leaf === !def.subcommands) {
    throw new Error(`command ${def.name}: give either leaf or subcommands`);
  }
  if (def.defaultSubcommand && !def.subcommands?.some((s) => s.name === def.defaultSubcommand)) {
    throw new Error(`command ${def.name}: default subcommand ${def.defaultSubcommand} does not exist`);
  }
  return def;
}

/** The leaves of a command with the words that invoke them: [['poll','create'], leaf] … */
export function leavesOf(def: CommandDef): { path: string[]; leaf: Leaf }[] {
  if (def.leaf) return [{ path: [def.name], leaf: def.leaf }];
  return (def.subcommands ?? []).map((leaf) => ({ path: [def.name, leaf.name], leaf }));
}
