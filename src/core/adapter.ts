// What every chat adapter (Slack, Discord, console) is to the rest of the bot.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Services } from '../services/index.js';
import type { Platform } from './message.js';
import type { Registry } from './registry.js';

export type AdapterStatus = 'connecting' | 'connected' | 'disconnected';

export interface Adapter {
  readonly platform: Platform;
  /** Connects and starts receiving; adds the adapter's Outlet to services.outlets. */
  start(): Promise<void>;
  /** Stops receiving and disconnects; removes its Outlet. */
  stop(): Promise<void>;
  status(): AdapterStatus;
  /** Who leads on this platform, asked again outside an interaction (the dashboard's sessions). */
  readonly leaders?: LeaderCheck;
}

/**
 * The port through which an adapter says whether a user leads, with the same rules as its commands use
 * (Slack: SLACK_LEADERS and the leader group; Discord: leader roles or Manage Server; console: the operator).
 */
export interface LeaderCheck {
  isLeader(userId: string): Promise<boolean>;
}

export interface AdapterDeps {
  config: Config;
  registry: Registry;
  services: Services;
  log: Logger;
  /** The console calls this at the end of its input: the bot then shuts down and exits 0. */
  onEnd(): void;
}
