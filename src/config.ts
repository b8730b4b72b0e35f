// Configuration: the environment, parsed once at start by zod. A bad value stops the bot with a message
// that names the variable and says what is expected. An adapter is on when its tokens are present.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean));

const port = (fallback?: number) =>
  z.coerce
    .number({ error: 'must be a port number (1-65535)' })
    .int('must be a whole port number')
    .min(1, 'must be a port number (1-65535)')
    .max(65535, 'must be a port number (1-65535)')
    .optional()
    .transform((v) => v ?? fallback);

/** An address to listen on, e.g. 127.0.0.1 or ::; empty or unset: every interface. */
const host = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined))
  .refine((s) => s === undefined || /^[\w.:-]+$/.test(s), { error: 'must be an address to listen on, such as 127.0.0.1 or 0.0.0.0' });

const url = z.url({ error: 'must be a URL such as http://127.0.0.1:8080/api/' }).optional();

const timeZone = z
  .string()
  .default('America/Chicago')
  .refine(isTimeZone, { error: 'must be an IANA time zone such as America/Chicago' });

const duration = z
  .string()
  .default('1h')
  .transform((s, ctx) => {
    const ms = parseDuration(s);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration such as 30m, 1h or 2d' });
      return z.NEVER;
    }
    return ms;
  });

const token = (what: string, prefix?: RegExp) =>
  z
    .string()
    .trim()
    .optional()
    .transform((s) => (s === '' ? undefined : s))
    .refine((s) => s === undefined || !prefix || prefix.test(s), { error: `must be ${what}` });

const envSchema = z.object({
  BOT_DB: z
    .string()
    .default('sqlite://data/bot.sqlite')
    .refine((s) => /^(sqlite|redis|rediss|postgres|postgresql):\/\/.+/.test(s), {
      error: 'must be a store URL such as sqlite://data/bot.sqlite',
    }),
  BOT_TIMEZONE: timeZone,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  HEALTH_PORT: port(),
  HEALTH_HOST: host,
  KNOWLEDGE_DIR: z.string().default('data/knowledge'),
  /** A file for the logs (the interactive console uses data/bot.log unless this says otherwise). */
  BOT_LOG_FILE: z.string().optional(),
  /** Where the console writes the files it is given (.ics, CSV, reports); relative to the working folder. */
  BOT_FILES_DIR: z.string().default('data/files'),
  ANNOUNCE_GRACE: duration,
  /** The secret that seals anonymous ballots; kept outside the database (docs/THREAT-MODEL.md). */
  BOT_SECRET: token('at least 32 characters (for example `openssl rand -hex 32`)').refine((s) => s === undefined || s.length >= 32, {
    error: 'must be at least 32 characters (for example `openssl rand -hex 32`)',
  }),
  /** Where the secret is kept when BOT_SECRET is not set; created on first start. */
  BOT_SECRET_FILE: z.string().default('data/bot-secret'),
  DASHBOARD_PORT: port(),
  DASHBOARD_HOST: z.string().trim().min(1).default('127.0.0.1'),
  DASHBOARD_URL: z.url({ error: 'must be the public base URL of the dashboard, such as https://bot.example.org' }).optional(),
  /** The ORGANIZER written into calendar files (an email address leadership reads). */
  EVENT_ORGANIZER: z.email({ error: 'must be an email address such as events@example.org' }).optional(),
  /** The bot's web address as members reach it (e.g. https://bot.example.org), for links it hands out. */
  BOT_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://bot.example.org' }).optional(),
  /** The secret in the calendar feed's address, /calendar/<secret>.ics (at least 16 characters). */
  CALENDAR_FEED_SECRET: z.string().min(16, 'must be at least 16 characters (a long random string)').optional(),

  SLACK_BOT_TOKEN: token('a Slack bot token starting with xoxb-', /^xoxb-/),
  SLACK_SIGNING_SECRET: token('the signing secret from the Slack app page'),
  SLACK_APP_TOKEN: token('a Slack app-level token starting with xapp-', /^xapp-/),
  SLACK_PORT: port(3000),
  SLACK_HOST: host,
  SLACK_API_URL: url,
  SLACK_LEADERS: list,
  SLACK_LEADER_GROUP: token('a Slack user group id starting with S', /^S[A-Z0-9]+$/),
  SLACK_ANNOUNCE_CHANNEL: token('a Slack channel id such as C0123ABCD', /^[CG][A-Z0-9]+$/),
  /** Private leadership channel for the knowledge digest and reload problems (default: DMs to SLACK_LEADERS). */
  SLACK_LEADERSHIP_CHANNEL: token('a Slack channel id such as G0123ABCD', /^[CG][A-Z0-9]+$/),

  DISCORD_TOKEN: token('a Discord bot token'),
  DISCORD_APPLICATION_ID: token('a Discord application id (a number)', /^\d{5,25}$/),
  DISCORD_GUILD_ID: token('a Discord server id (a number)', /^\d{5,25}$/),
  DISCORD_API_URL: url,
  DISCORD_LEADER_ROLES: list.refine((ids) => ids.every((id) => /^\d{5,25}$/.test(id)), {
    error: 'must be Discord role ids (numbers) separated by commas',
  }),
  DISCORD_ANNOUNCE_CHANNEL: token('a Discord channel id (a number)', /^\d{5,25}$/),
  /** Private leadership channel for the knowledge digest and reload problems (Discord has no list of leader ids). */
  DISCORD_LEADERSHIP_CHANNEL: token('a Discord channel id (a number)', /^\d{5,25}$/),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  slack?: { mode: 'http' | 'socket' };
  discord: boolean;
  /** The console runs when no platform is configured. */
  console: boolean;
}

/** The console's dashboard port when DASHBOARD_PORT is not set (an interactive `npm start`). */
export const CONSOLE_DASHBOARD_PORT = 8787;

export interface DashboardSettings {
  port: number;
  host: string;
  /** The base URL of links the bot sends (DASHBOARD_URL, else http://host:port). */
  url: string;
  /** True when the bot chose the port itself (the console default): a busy port is then a warning, not a failure. */
  byDefault: boolean;
}

/**
 * Whether and where the dashboard listens: DASHBOARD_PORT turns it on; in an interactive console it is on by
 * default on 127.0.0.1:8787, so that a newcomer's `npm start` prints a sign-in link.
 */
export function dashboardSettings(config: Config, interactive: boolean): DashboardSettings | undefined {
  const byDefault = !config.DASHBOARD_PORT && config.console && interactive;
  const port = config.DASHBOARD_PORT ?? (byDefault ? CONSOLE_DASHBOARD_PORT : undefined);
  if (!port) return undefined;
  const host = config.DASHBOARD_HOST;
  const url = (config.DASHBOARD_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  return { port, host, url, byDefault };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A variable set to nothing (`HEALTH_PORT=`, compose's `${VAR:-}`) means "use the default", as if it were unset.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v === undefined || v.trim() !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`The configuration is not valid:\n${[...new Set(lines)].join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('  SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN) {
    problems.push('  SLACK_BOT_TOKEN: is required when other SLACK_ variables are set (a token starting with xoxb-)');
  }
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) {
    problems.push('  DISCORD_APPLICATION_ID: is required with DISCORD_TOKEN (the application id from the developer portal)');
  }
  if (problems.length) throw new ConfigError(`The configuration is not valid:\n${problems.join('\n')}`);

  const slack = e.SLACK_BOT_TOKEN ? { mode: e.SLACK_APP_TOKEN ? ('socket' as const) : ('http' as const) } : undefined;
  const discord = Boolean(e.DISCORD_TOKEN);
  return { ...e, KNOWLEDGE_DIR: installationPath(e.KNOWLEDGE_DIR), slack, discord, console: !slack && !discord };
}

/** The folder holding package.json (the installation), found from this file in src/ or dist/src/. */
export function installationDir(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * A relative KNOWLEDGE_DIR is read from the working folder when it exists there, else from the installation,
 * so `node dist/src/main.js` or `npx tsx src/main.ts` started from another folder still finds data/knowledge.
 */
export function installationPath(path: string, cwd = process.cwd()): string {
  if (isAbsolute(path)) return path;
  const here = resolve(cwd, path);
  return existsSync(here) ? here : resolve(installationDir(), path);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** '90s', '30m', '1h', '2d', '1w', '1h30m' → milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d+(\.\d+)?[smhdw])+$/.test(s)) return undefined;
  let total = 0;
  for (const [, n, unit] of s.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) total += Number(n) * UNITS[unit!]!;
  return total;
}
