// The registry: finds the command, parses its options, checks its guards, runs it — and is the one
// error boundary. Every adapter enters through here, for commands, clicks and form submissions.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Services } from '../services/index.js';
import type { ActionDef, CommandDef, FormDef, Leaf } from './command.js';
import type { Ctx, Surface } from './context.js';
import { UserError, isStoreUnavailable } from './errors.js';
import type { Guard } from './guards.js';
import { DeadlineError } from './deadline.js';
import { Limit } from './limit.js';
import { type RateLimiter, slowDown } from './rate.js';
import type { ActionRef, Message } from './message.js';
import { type LabelStyle, describeIssue, optionSpecs, parseWords, tokensOf, usageOf } from './options.js';
import { type Token, tokenize } from './tokenize.js';

export interface RegistryDeps {
  services: Services;
  log: Logger;
  now(): Date;
  /** How many handlers may run at once (default HANDLER_CONCURRENCY); more wait in order. */
  concurrency?: number;
  /**
   * Sees the raw words of every command, click and form before anything parses, validates, logs or stores them
   * (the crisis safety net). Returns true when it has answered the member privately and nothing of the words may
   * be kept: the handler then runs only if it declares `screened: 'run'` (and sees `ctx.flagged`).
   */
  screen: RawTextGuard;
  /** Per-member rate limits (rate.ts); none when absent. */
  rate?: RateLimiter;
  /** Commands wait for this before they run (main.ts: until the services' schedules are armed). */
  ready?: Promise<unknown>;
}

export type RawTextGuard = (text: string, surface: Surface) => Promise<boolean>;

/** Said when the guard flagged the words of a handler that keeps what members write (a comment, a poll, a post). */
export const NOT_KEPT_NOTE = 'Nothing you wrote here was saved or posted.';

/** Enough to keep the store and the platforms' APIs busy; few enough that acknowledgements are never starved. */
export const HANDLER_CONCURRENCY = 32;

/**
 * How a handler ended: 'done'; 'refused' (the member was told what was wrong, nothing changed); 'failed' (the
 * store or the deadline let it down, or it crashed: the member was told it did not go through). An adapter
 * acknowledges a state-changing click only when it was not 'failed'.
 */
export type Outcome = 'done' | 'refused' | 'failed';

/** What a form submission returned: run (with its outcome), or one message per field that was wrong. */
export type FormResult = { ok: true; outcome: Outcome } | { ok: false; errors: Record<string, string> };

export class Registry {
  readonly commands: readonly CommandDef[];
  private readonly byName: Map<string, CommandDef>;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly limit: Limit;

  constructor(
    commands: CommandDef[],
    private readonly deps: RegistryDeps,
  ) {
    this.commands = commands;
    this.limit = new Limit(deps.concurrency ?? HANDLER_CONCURRENCY);
    this.byName = new Map(commands.map((c) => [c.name, c]));
    if (this.byName.size !== commands.length) throw new Error('two commands share a name');
  }

  get(name: string): CommandDef | undefined {
    return this.byName.get(name.replace(/^\//, '').toLowerCase());
  }

  /** Runs a command typed as text (Slack's `text`, a console line after the command word). */
  runText(surface: Surface, commandName: string, text: string): Promise<Outcome> {
    const def = this.get(commandName);
    return this.track(surface, commandName, async (ctx) => {
      ctx.flagged = await this.deps.screen(`${commandName} ${text}`, surface);
      this.gate(ctx, 'command');
      if (!def) throw new UserError('command.unknown', `There is no command /${commandName}. Type /help to see them all.`);
      const { leaf, rest } = pickLeaf(def, tokensFor(def, text));
      ctx.command = leafName(def, leaf);
      if (ctx.flagged && leaf.screened !== 'run') return ctx.ephemeral(NOT_KEPT_NOTE);
      await this.runLeaf(ctx, def, leaf, () => parseWords(leaf, rest), 'typed');
    });
  }

  /** Runs a command whose options arrived typed (Discord): `raw` maps option keys to values. */
  runOptions(surface: Surface, commandName: string, subcommand: string | undefined, raw: Record<string, unknown>): Promise<Outcome> {
    const def = this.get(commandName);
    return this.track(surface, commandName, async (ctx) => {
      ctx.flagged = await this.deps.screen(wordsOf(raw), surface);
      this.gate(ctx, 'command');
      if (!def) throw new UserError('command.unknown', `There is no command /${commandName}.`);
      const leaf = def.leaf ?? def.subcommands?.find((s) => s.name === subcommand);
      if (!leaf) throw new UserError('command.unknown-subcommand', `/${def.name} has no subcommand ${subcommand ?? ''}.`);
      ctx.command = leafName(def, leaf);
      if (ctx.flagged && leaf.screened !== 'run') return ctx.ephemeral(NOT_KEPT_NOTE);
      await this.runLeaf(ctx, def, leaf, () => raw, 'named');
    });
  }

  /** A button or select click. */
  runAction(surface: Surface, ref: ActionRef, values: string[] = []): Promise<Outcome> {
    const def = this.get(ref.command);
    return this.track(surface, `${ref.command}:${ref.action}`, async (ctx) => {
      if (await this.deps.screen(wordsOf({ value: ref.value, values }), surface)) return ctx.ephemeral(NOT_KEPT_NOTE);
      this.gate(ctx, 'click');
      const action: ActionDef | undefined = def?.actions?.[ref.action];
      if (!def || !action) throw new UserError('action.unknown', 'That button is no longer in use. Try the command again.');
      checkGuards(ctx, [...(def.guards ?? []), ...(action.guards ?? [])]);
      await action.run(ctx, { value: ref.value ?? '', values });
    });
  }

  /** A modal submission. Invalid fields come back as per-field messages; nothing runs then. */
  async submitForm(surface: Surface, ref: { command: string; form: string; state?: string }, values: Record<string, string>): Promise<FormResult> {
    const def = this.get(ref.command);
    const form: FormDef | undefined = def?.forms?.[ref.form];
    let flagged = false;
    await this.track(surface, `${ref.command}:${ref.form}`, async () => {
      flagged = await this.deps.screen(wordsOf(values), surface);
      if (flagged) await surface.ephemeral(NOT_KEPT_NOTE);
    });
    // The form closes: the member has the crisis message, and nothing of what they wrote is kept.
    if (flagged) return { ok: true, outcome: 'done' };
    if (form) {
      const parsed = z.object(form.fields).safeParse(blankToUndefined(values), { reportInput: true });
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          errors[field] ??= fieldMessage(issue);
        }
        return { ok: false, errors };
      }
      const outcome = await this.track(surface, `${ref.command}:${ref.form}`, async (ctx) => {
        this.gate(ctx, 'command');
        checkGuards(ctx, [...(def!.guards ?? []), ...(form.guards ?? [])]);
        await form.run(ctx, parsed.data, ref.state);
      });
      return { ok: true, outcome };
    }
    const outcome = await this.track(surface, `${ref.command}:${ref.form}`, async () => {
      throw new UserError('form.unknown', 'That form is no longer in use. Try the command again.');
    });
    return { ok: true, outcome };
  }

  /**
   * One answer of a form asked field by field (the console): the raw-text guard sees it first, as in submitForm
   * (flagged: the member has the crisis message and "nothing was kept", and the form must end), then the field's
   * own schema. The whole form still goes through submitForm at the end.
   */
  async checkFormField(surface: Surface, ref: { command: string; form: string }, field: string, value: string): Promise<{ flagged: true } | { flagged: false; error?: string }> {
    let flagged = false;
    await this.track(surface, `${ref.command}:${ref.form}`, async () => {
      flagged = await this.deps.screen(value, surface);
      if (flagged) await surface.ephemeral(NOT_KEPT_NOTE);
    });
    if (flagged) return { flagged: true };
    const schema = this.get(ref.command)?.forms?.[ref.form]?.fields[field];
    if (!schema) return { flagged: false };
    const parsed = schema.safeParse(blankToUndefined({ [field]: value })[field], { reportInput: true });
    return parsed.success ? { flagged: false } : { flagged: false, error: fieldMessage(parsed.error.issues[0]!) };
  }

  /** Waits for everything that is running (used at shutdown and at the end of console input). */
  async drain(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** `style`: typed words (Slack, console) get `--flag` wording and the usage line; named options (Discord) their names. */
  private async runLeaf(ctx: Ctx, def: CommandDef, leaf: Leaf, raw: () => Record<string, unknown>, style: LabelStyle): Promise<void> {
    checkGuards(ctx, [...(def.guards ?? []), ...(leaf.guards ?? [])]);
    this.gate(ctx, ctx.command);
    try {
      await this.parseAndRun(ctx, def, leaf, raw, style);
    } catch (err) {
      // A refused attempt (bad input: nothing was made) gives its command's token back; the general limit stays.
      if (err instanceof UserError && err.id !== 'rate.limited') this.deps.rate?.refund(ctx.actor.platform, ctx.actor.id, ctx.command);
      throw err;
    }
  }

  private async parseAndRun(ctx: Ctx, def: CommandDef, leaf: Leaf, raw: () => Record<string, unknown>, style: LabelStyle): Promise<void> {
    let parsed;
    try {
      // reportInput: issues then carry the value, so a wrong value is not mistaken for a missing one.
      parsed = z.object(leaf.options).safeParse(raw(), { reportInput: true });
    } catch (err) {
      if (err instanceof UserError) throw new UserError(err.id, `${err.message}\n${usageLine(def, leaf)}`);
      throw err;
    }
    if (!parsed.success) {
      const problems = [...new Set(parsed.error.issues.map((issue) => describeIssue(leaf, issue, style)))].join(' ');
      throw new UserError('options.invalid', style === 'typed' ? `${problems}\n${usageLine(def, leaf)}` : problems);
    }
    await leaf.run(ctx, parsed.data);
  }

  /**
   * Per-member rate limits (`kind`: 'command', 'click' or a command's name). Called after the crisis guard, so a
   * member who is over a limit still gets the crisis message first.
   */
  private gate(ctx: Ctx, kind: string): void {
    const wait = this.deps.rate?.check(ctx.actor.platform, ctx.actor.id, kind);
    if (wait) throw new UserError('rate.limited', slowDown(wait));
  }

  /** Builds the context, runs `work` inside the error boundary, and remembers it until it ends. */
  private track(surface: Surface, command: string, work: (ctx: Ctx) => Promise<void>): Promise<Outcome> {
    const { services, log, now } = this.deps;
    const ctx: Ctx = { ...surface, command, services, commands: this.commands, log, now, flagged: false };
    const started = Date.now();
    const promise = this.limit
      .run(async () => {
        await this.deps.ready;
        return work(ctx);
      })
      .then((): Outcome => {
        log.info({ ...whoOf(ctx), ms: Date.now() - started }, 'handled');
        return 'done';
      })
      .catch((err: unknown) => this.boundary(ctx, err));
    this.inflight.add(promise);
    void promise.finally(() => this.inflight.delete(promise));
    return promise;
  }

  /** The one error boundary: the member always hears back, privately, and never sees a stack trace. */
  private async boundary(ctx: Ctx, err: unknown): Promise<Outcome> {
    const who = whoOf(ctx);
    let answer: Message;
    let outcome: Outcome = 'failed';
    if (err instanceof UserError) {
      this.deps.log.info({ ...who, reason: err.id }, 'user error');
      answer = { text: err.message, tone: 'warning' };
      outcome = 'refused';
    } else if (err instanceof DeadlineError) {
      // Too many clicks ahead of this one: it never started. No error log (one line per click would flood it).
      this.deps.log.warn(who, 'dropped: its deadline passed while it waited');
      answer = { text: 'That did not go through: the bot is very busy right now, and nothing was changed. Please try again in a minute.', tone: 'warning' };
    } else if (isStoreUnavailable(err)) {
      // The store's outage is logged once by the store (guarded.ts); each member's failure only at warn.
      this.deps.log.warn(who, 'not saved: the store is unavailable');
      answer = { text: "That did not go through: the bot's storage is not available right now, so nothing was saved. Please try again in a minute.", tone: 'warning' };
    } else {
      const ref = referenceId();
      this.deps.log.error({ ...who, ref, err }, 'command failed');
      answer = { text: `Sorry, something went wrong on our side. Please try again; if it keeps happening, tell a leader the reference ${ref}.`, tone: 'danger' };
    }
    try {
      await ctx.ephemeral(answer);
    } catch (sendErr) {
      this.deps.log.error({ ...who, err: sendErr }, 'could not tell the member about an error');
    }
    return outcome;
  }
}

/** Every string in what a platform sent (option values, form fields, select values), for the raw-text guard. */
function wordsOf(raw: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(raw);
  return out.join(' . ');
}

function checkGuards(ctx: Ctx, guards: Guard[]): void {
  for (const guard of guards) {
    const refusal = guard(ctx);
    if (refusal) throw new UserError('guard.refused', refusal);
  }
}

/**
 * Words of a typed line. A stray quote is an error, except where the leaf takes the rest of the line as free
 * text (`/cert "i can't go on`): there the quote is kept as a character, so that nothing a member writes in
 * their own words is refused for its punctuation.
 */
function tokensFor(def: CommandDef, text: string): Token[] {
  try {
    return tokensOf(text);
  } catch (err) {
    const loose = tokenize(text, { lenient: true });
    const { leaf } = pickLeaf(def, loose);
    const restSpec = leaf.rest ? optionSpecs(leaf).find((s) => s.key === leaf.rest) : undefined;
    if (restSpec?.kind === 'string') return loose;
    throw err;
  }
}

function pickLeaf(def: CommandDef, tokens: Token[]): { leaf: Leaf; rest: Token[] } {
  if (def.leaf) return { leaf: def.leaf, rest: tokens };
  const first = tokens[0];
  const named = first && !first.quoted ? def.subcommands!.find((s) => s.name === first.value.toLowerCase()) : undefined;
  if (named) return { leaf: named, rest: tokens.slice(1) };
  const fallback = def.subcommands!.find((s) => s.name === def.defaultSubcommand);
  if (fallback) return { leaf: fallback, rest: tokens };
  const names = def.subcommands!.map((s) => s.name).join(', ');
  throw new UserError(
    'command.unknown-subcommand',
    first ? `/${def.name} has no subcommand "${first.value.slice(0, 40)}". Choose one of: ${names}.` : `/${def.name} needs a subcommand: ${names}. Type /help ${def.name} for details.`,
  );
}

const leafName = (def: CommandDef, leaf: Leaf) => (def.leaf ? def.name : `${def.name} ${leaf.name}`);

export function usageLine(def: CommandDef, leaf: Leaf): string {
  const words = def.leaf ? `/${def.name}` : `/${def.name} ${leaf.name}`;
  const usage = usageOf(leaf);
  return `Usage: \`${usage ? `${words} ${usage}` : words}\``;
}

function fieldMessage(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { minimum?: number; maximum?: number; origin?: string; input?: unknown };
  if (issue.code === 'invalid_type' && i.input === undefined) return 'This field is required.';
  if (issue.code === 'too_small' && i.origin === 'string') return Number(i.minimum) <= 1 ? 'This field is required.' : `Use at least ${i.minimum} characters.`;
  if (issue.code === 'too_big' && i.origin === 'string') return `Use at most ${i.maximum} characters.`;
  if (issue.code === 'invalid_value') return `Use one of: ${issue.values.map(String).join(', ')}.`;
  return issue.message;
}

function blankToUndefined(values: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim() === '' ? undefined : v]));
}

export const referenceId = (): string => randomBytes(4).toString('hex');

/**
 * Who did what, for the log. Poll commands and clicks never name the member: a log line in click order next to
 * the poll's records would be a list of who voted when (docs/THREAT-MODEL.md).
 */
function whoOf(ctx: { command: string; actor: { platform: string; id: string } }): Record<string, string> {
  const who: Record<string, string> = { command: ctx.command, platform: ctx.actor.platform };
  if (!/^poll\b/.test(ctx.command)) who.user = ctx.actor.id;
  return who;
}
