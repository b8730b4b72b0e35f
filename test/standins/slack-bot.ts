// Starts the real bot wiring (config → sqlite store → services → registry → Slack adapter) against a Slack
// stand-in, on port 0 of 127.0.0.1. For any engineer's end-to-end test of a command on Slack.
import { type Logger, pino } from 'pino';
import { commands as allCommands } from '../../commands/index.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { loadConfig } from '../../src/config.js';
import type { CommandDef } from '../../src/core/command.js';
import { Outlets } from '../../src/core/context.js';
import { Registry } from '../../src/core/registry.js';
import { buildServices, type Services } from '../../src/services/index.js';
import { openStore } from '../../src/storage/store.js';
import { TestClock } from '../helpers/context.js';
import type { SlackStandIn } from './slack.js';

export interface SlackBot {
  adapter: SlackAdapter;
  registry: Registry;
  services: Services;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startSlackBot(
  slack: SlackStandIn,
  opts: { commands?: CommandDef[]; env?: Record<string, string>; mode?: 'http' | 'socket'; db?: string; log?: Logger } = {},
): Promise<SlackBot> {
  const config = loadConfig({
    BOT_DB: opts.db ?? 'sqlite://:memory:',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_LEADERS: 'U0LEADER',
    ...(opts.mode === 'socket' ? { SLACK_APP_TOKEN: 'xapp-test-token' } : {}),
    ...opts.env,
  });
  const store = await openStore(config.BOT_DB);
  const clock = new TestClock();
  const log = opts.log ?? pino({ level: process.env.TEST_LOG ?? 'silent' });
  const { services } = await buildServices({ config, store, outlets: new Outlets(), clock, log });
  const registry = new Registry(opts.commands ?? allCommands, { services, log, now: clock.now, screen: services.crisis.screen });
  const adapter = createSlackAdapter(
    { config, registry, services, log, onEnd: () => undefined },
    { listen: { port: 0, host: '127.0.0.1' }, retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 } },
  );
  await adapter.start();
  slack.target = adapter.url;
  return {
    adapter,
    registry,
    services,
    clock,
    async close() {
      await registry.drain();
      await adapter.stop();
      await store.close();
    },
  };
}
