// Options: the zod shape of a leaf, read once into neutral specs (for help, Discord and Slack), and the
// parser that turns typed words into the object that zod then validates.
import { z } from 'zod';
import type { Leaf } from './command.js';
import { type Token, TokenizeError, tokenize } from './tokenize.js';
import { UserError } from './errors.js';
import { clip } from './text.js';

export type OptionKind = 'string' | 'integer' | 'number' | 'boolean' | 'strings';

export interface OptionSpec {
  /** Key in the options object (camelCase). */
  key: string;
  /** How it is typed: `--hide-results`. */
  flag: string;
  kind: OptionKind;
  description: string;
  required: boolean;
  positional: boolean;
  /** Takes the rest of the line (a joined string, or the remaining words of a `strings` option). */
  rest: boolean;
  choices?: string[];
  /** Number bounds, string lengths, or item counts for `strings`. */
  min?: number;
  max?: number;
  /** For `strings`: each item's max length. */
  itemMax?: number;
  defaultValue?: unknown;
}

type AnyDef = { type: string; innerType?: z.ZodType; element?: z.ZodType; entries?: Record<string, string>; defaultValue?: unknown; checks?: { _zod: { def: Record<string, unknown> } }[] };

const defOf = (s: z.ZodType): AnyDef => (s as unknown as { def: AnyDef }).def;

export const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; defaultValue?: unknown; description?: string } {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  let description = schema.description;
  for (;;) {
    const def = defOf(inner);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') {
      optional = true;
      if (def.type === 'default') defaultValue = def.defaultValue;
      inner = def.innerType!;
      description ??= inner.description;
      continue;
    }
    return { inner, optional, defaultValue, description };
  }
}

function lengthBounds(schema: z.ZodType): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  for (const check of defOf(schema).checks ?? []) {
    const d = check._zod.def;
    if (d.check === 'min_length') out.min = d.minimum as number;
    if (d.check === 'max_length') out.max = d.maximum as number;
    if (d.check === 'length_equals') out.min = out.max = d.length as number;
  }
  return out;
}

function specOf(key: string, schema: z.ZodType, leaf: Leaf): OptionSpec {
  const { inner, optional, defaultValue, description } = unwrap(schema);
  const def = defOf(inner);
  const base = {
    key,
    flag: kebab(key),
    description: description ?? key,
    required: !optional,
    positional: leaf.positional?.includes(key) ?? false,
    rest: leaf.rest === key || (defOf(inner).type === 'array' && leaf.positional?.at(-1) === key),
    defaultValue,
  };
  switch (def.type) {
    case 'string': {
      const s = inner as z.ZodString;
      return { ...base, kind: 'string', min: s.minLength ?? undefined, max: s.maxLength ?? undefined };
    }
    case 'number': {
      const n = inner as z.ZodNumber;
      return {
        ...base,
        kind: n.isInt ? 'integer' : 'number',
        min: Number.isFinite(n.minValue) ? (n.minValue as number) : undefined,
        max: Number.isFinite(n.maxValue) ? (n.maxValue as number) : undefined,
      };
    }
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'enum':
      return { ...base, kind: 'string', choices: Object.values(def.entries ?? {}) };
    case 'array': {
      const element = def.element!;
      if (defOf(element).type !== 'string') throw new Error(`option ${key}: only arrays of strings are supported`);
      const items = lengthBounds(inner);
      return { ...base, kind: 'strings', min: items.min, max: items.max, itemMax: (element as z.ZodString).maxLength ?? undefined };
    }
    default:
      throw new Error(`option ${key}: zod type ${def.type} is not supported as a command option`);
  }
}

const specCache = new WeakMap<Leaf, OptionSpec[]>();

/** The options of a leaf as neutral specs, positional ones first in their order. */
export function optionSpecs(leaf: Leaf): OptionSpec[] {
  let specs = specCache.get(leaf);
  if (!specs) {
    const all = Object.entries(leaf.options).map(([key, schema]) => specOf(key, schema, leaf));
    const order = leaf.positional ?? [];
    specs = [
      ...order.map((k) => all.find((s) => s.key === k)!),
      ...all.filter((s) => !order.includes(s.key)),
    ];
    specCache.set(leaf, specs);
  }
  return specs;
}

/** One usage line, e.g. `"question" "option" … [--multi] [--closes <when>]` (without the command words). */
export function usageOf(leaf: Leaf): string {
  return optionSpecs(leaf)
    .map((s) => {
      const value = s.choices ? s.choices.join('|') : `<${s.flag}>`;
      let word: string;
      if (s.positional) word = s.kind === 'strings' ? `"${s.flag}" "${s.flag}" …` : s.rest ? `${s.flag}…` : `"${s.flag}"`;
      else word = s.kind === 'boolean' ? `--${s.flag}` : `--${s.flag} ${value}`;
      return s.required ? word : `[${word}]`;
    })
    .join(' ');
}

/**
 * How an option is named to the member: typed (`--closes`, or `"question"` for a positional one), or by name
 * where the platform has named options (Discord: `closes`).
 */
export type LabelStyle = 'typed' | 'named';

export function optionLabel(spec: OptionSpec, style: LabelStyle = 'typed'): string {
  if (style === 'named') return `\`${spec.flag}\``;
  return spec.positional ? `"${spec.flag}"` : `--${spec.flag}`;
}

/** Turns words typed after the command (and subcommand) into a raw options object for zod. */
export function parseWords(leaf: Leaf, tokens: Token[]): Record<string, unknown> {
  const specs = optionSpecs(leaf);
  // `--hide-results`, `--hideResults` and `--HIDE-RESULTS` name the same option.
  const norm = (flag: string) => flag.replace(/-/g, '').toLowerCase();
  const byFlag = new Map(specs.map((s) => [norm(s.flag), s]));
  const positional = specs.filter((s) => s.positional);
  const raw: Record<string, unknown> = {};
  const bare: string[] = [];
  let firstQuoted = true;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.quoted && token.value.startsWith('--') && token.value.length > 2) {
      const body = token.value.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byFlag.get(norm(name));
      if (!spec) {
        const known = specs.filter((s) => !s.positional).map((s) => `--${s.flag}`);
        throw new UserError(
          'options.unknown-flag',
          `There is no option \`--${name}\`.` + (known.length ? ` Options here: ${known.join(', ')}.` : ''),
        );
      }
      if (spec.kind === 'boolean') {
        raw[spec.key] = eq >= 0 ? !/^(false|no|0|off)$/i.test(body.slice(eq + 1)) : true;
        continue;
      }
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else {
        const next = tokens[i + 1];
        if (!next || (!next.quoted && next.value.startsWith('--') && next.value.length > 2)) {
          throw new UserError('options.missing-value', `The option \`--${spec.flag}\` needs a value after it.`);
        }
        value = next.value;
        i++;
      }
      if (spec.kind === 'strings') raw[spec.key] = [...((raw[spec.key] as string[]) ?? []), value];
      else raw[spec.key] = value;
      continue;
    }
    if (!bare.length) firstQuoted = token.quoted;
    bare.push(token.value);
  }
  const unquoted = bare.length && !firstQuoted ? leaf.unquoted?.(bare) : undefined;
  if (unquoted) throw new UserError('options.unquoted', unquoted);

  let p = 0;
  for (let b = 0; b < bare.length; b++) {
    const spec = positional[p];
    if (!spec) {
      throw new UserError('options.unexpected-word', `I did not expect "${clip40(bare[b]!)}" there.`);
    }
    if (spec.kind === 'strings' && spec.rest) {
      raw[spec.key] = [...((raw[spec.key] as string[]) ?? []), ...bare.slice(b)];
      break;
    }
    if (spec.rest) {
      raw[spec.key] = bare.slice(b).join(' ');
      break;
    }
    raw[spec.key] = bare[b];
    p++;
  }
  return coerce(specs, raw);
}

/** Typed text arrives as strings; numbers become numbers so that zod checks them as numbers. */
function coerce(specs: OptionSpec[], raw: Record<string, unknown>): Record<string, unknown> {
  for (const spec of specs) {
    const v = raw[spec.key];
    if (typeof v === 'string' && (spec.kind === 'integer' || spec.kind === 'number')) {
      const n = Number(v.trim());
      raw[spec.key] = v.trim() !== '' && Number.isFinite(n) ? n : v;
    }
  }
  return raw;
}

export function tokensOf(text: string): Token[] {
  try {
    return tokenize(text);
  } catch (err) {
    if (err instanceof TokenizeError) {
      throw new UserError('options.unclosed-quote', 'A quote was opened but not closed. Put a matching `"` at the end of the text.');
    }
    throw err;
  }
}

/** Says in one sentence what is wrong with one option, naming it as the member typed it. */
export function describeIssue(leaf: Leaf, issue: z.core.$ZodIssue, style: LabelStyle = 'typed'): string {
  const key = String(issue.path[0] ?? '');
  const spec = optionSpecs(leaf).find((s) => s.key === key);
  const label = spec ? optionLabel(spec, style) : key || 'the input';
  const i = issue as z.core.$ZodIssue & { minimum?: number | bigint; maximum?: number | bigint; origin?: string; input?: unknown; values?: unknown[] };
  const item = issue.path.length > 1 ? ` (item ${Number(issue.path[1]) + 1})` : '';
  if (i.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return `${label} is missing.${spec?.description ? ` It is ${lower(spec.description)}.` : ''}`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return `${label} must be ${spec?.kind === 'integer' ? 'a whole number' : spec?.kind === 'number' ? 'a number' : `a ${issue.expected}`}.`;
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? `${label}${item} cannot be empty.` : `${label}${item} needs at least ${i.minimum} characters.`;
      if (i.origin === 'array') return `${label} needs at least ${i.minimum} entries.`;
      return `${label} must be at least ${i.minimum}.`;
    case 'too_big':
      if (i.origin === 'string') return `${label}${item} can be at most ${i.maximum} characters.`;
      if (i.origin === 'array') return `${label} takes at most ${i.maximum} entries.`;
      return `${label} can be at most ${i.maximum}.`;
    case 'invalid_value':
      return `${label} must be one of: ${(i.values ?? spec?.choices ?? []).map(String).join(', ')}.`;
    default:
      return `${label}: ${issue.message}`;
  }
}

const clip40 = (s: string) => clip(s, 41);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
