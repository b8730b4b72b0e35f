// The services a handler can use, built once by main.ts and injected into every context.
// Services are platform-free: they post through `outlets` and read time from `clock`.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Outlets } from '../core/context.js';
import type { Store } from '../storage/store.js';
import type { Clock } from './clock.js';

export interface Services {
  config: Config;
  store: Store;
  outlets: Outlets;
  clock: Clock;
  log: Logger;
}

/** A service with work of its own (timers, file watchers): started once adapters are up, stopped first. */
export interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface BaseDeps {
  config: Config;
  store: Store;
  outlets: Outlets;
  clock: Clock;
  log: Logger;
}

export async function buildServices(deps: BaseDeps): Promise<{ services: Services; lifecycles: Lifecycle[] }> {
  const services: Services = { ...deps };
  const lifecycles: Lifecycle[] = [];
  return { services, lifecycles };
}
