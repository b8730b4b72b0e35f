// The composition root: config → store → services → command registry → adapters. No globals.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { commands } from '../commands/index.js';
import { OPERATOR } from './adapters/console/adapter.js';
import { createAdapters } from './adapters/index.js';
import { ConfigError, dashboardSettings, loadConfig } from './config.js';
import { Outlets } from './core/context.js';
import { Registry } from './core/registry.js';
import { startHealthServer } from './health.js';
import { createLogger } from './log.js';
import { buildServices } from './services/index.js';
import { systemClock } from './services/clock.js';
import { loadSecret } from './secret.js';
import { openStore } from './storage/store.js';
import type { Dashboard } from './web/server.js';
import { RateLimiter } from './core/rate.js';
import { guardProcess } from './process-guard.js';
import { startSweeper } from './storage/sweep.js';

const startedAt = performance.now();

async function main(): Promise<void> {
  // Settings may live in a .env file (BOT_ENV_FILE names another; empty for none). Real env vars win.
  const envFile = process.env.BOT_ENV_FILE ?? '.env';
  if (process.env.BOT_ENV_FILE && !existsSync(envFile)) {
    // Named on purpose and missing: starting without its settings would run a different bot than intended.
    process.stderr.write(`BOT_ENV_FILE names ${envFile}, which does not exist. Fix the path, or set BOT_ENV_FILE= (empty) to use no file.\n`);
    process.exit(2);
  }
  if (envFile && existsSync(envFile)) process.loadEnvFile(envFile);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example and the README's configuration table.\n`);
      process.exit(2);
    }
    throw err;
  }
  // In the console, logs would mix with the conversation: warnings only unless LOG_LEVEL says otherwise.
  // Typed at a terminal, the console keeps the prompt clean: logs go to a file, named once at start.
  const logFile = config.BOT_LOG_FILE ?? (config.console && process.stdin.isTTY ? resolve('data', 'bot.log') : undefined);
  const log = createLogger(config.LOG_LEVEL ?? (config.console ? 'warn' : 'info'), logFile);
  if (logFile && config.console && process.stdin.isTTY) process.stdout.write(`Warnings and errors are written to ${logFile}\n`);
  const { secret, created } = loadSecret(config);
  if (created) process.stderr.write(`Created the bot secret in ${config.BOT_SECRET_FILE}. Back it up apart from the database (see docs/THREAT-MODEL.md).\n`);
  config.BOT_SECRET = secret;
  const store = await openStore(config.BOT_DB, { log });
  guardProcess(log);
  const outlets = new Outlets();
  const { services, lifecycles } = await buildServices({ config, store, outlets, clock: systemClock, log });
  if (!services.knowledge.entries.length) {
    process.stderr.write(`KNOWLEDGE_DIR: no knowledge entries found in ${config.KNOWLEDGE_DIR}; every question would get "not sure". Point KNOWLEDGE_DIR at the folder of entries (default: data/knowledge in the installation).\n`);
    process.exit(2);
  }
  // Commands that arrive while the bot starts (piped console input, a Slack retry) wait until the services'
  // schedules and deadlines are armed, so every command sees a ready bot ("/announce list" shows "Next:").
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const registry = new Registry(commands, { services, log, now: () => services.clock.now(), screen: services.crisis.screen, rate: new RateLimiter(), ready });
  const sweeper = startSweeper(store, log);

  let health: Server | undefined;
  let dashboard: Dashboard | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      clearInterval(sweeper);
      markReady(); // commands still waiting for the start run now (and end), so that draining them cannot hang
      for (const l of [...lifecycles].reverse()) await l.stop().catch((err) => log.error({ err }, 'service did not stop cleanly'));
      await registry.drain();
      for (const a of adapters) await a.stop().catch((err) => log.error({ err, platform: a.platform }, 'adapter did not stop cleanly'));
      await registry.drain();
      await dashboard?.close();
      health?.close();
      await store.close();
      log.info('stopped');
      process.exit(0);
    })());

  const adapters = await createAdapters({ config, registry, services, log, onEnd: () => void shutdown('end of input') });
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const web = dashboardSettings(config, Boolean(process.stdin.isTTY));
  if (web) {
    const { startDashboard } = await import('./web/server.js');
    dashboard = await startDashboard(web, services, registry, adapters);
    if (dashboard) log.info({ listening: dashboard.listening, url: web.url }, 'dashboard ready');
    // A newcomer's `npm start`: the operator's sign-in link, printed beside the prompt.
    if (dashboard && config.console && process.stdin.isTTY) {
      const link = await dashboard.signInLink(OPERATOR);
      process.stdout.write(`Dashboard: ${link}\n(works once, for 10 minutes; /niapp dashboard gives a new one)\n`);
    }
  }
  for (const adapter of adapters) await adapter.start();
  for (const l of lifecycles) await l.start();
  markReady();
  if (config.HEALTH_PORT) health = await startHealthServer(config.HEALTH_PORT, adapters, store, config.HEALTH_HOST, [services.announce.feed.calendarFeed]);
  log.info({ adapters: adapters.map((a) => a.platform), ms: Math.round(performance.now() - startedAt) }, 'ready');
  log.debug({ level: log.level }, 'debug logging is on');
}

main().catch((err: unknown) => {
  const after = ((performance.now() - startedAt) / 1000).toFixed(1);
  process.stderr.write(`The bot could not start (after ${after} s): ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
