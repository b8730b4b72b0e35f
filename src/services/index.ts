// The services a handler can use, built once by main.ts and injected into every context.
// Services are platform-free: they post through `outlets` and read time from `clock`.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Actor, Outlets } from '../core/context.js';
import type { Store } from '../storage/store.js';
import type { Clock } from './clock.js';
import { IdentityService } from './identity/index.js';
import { PollService } from './polls/index.js';
import { PollSchedules } from './polls/schedule.js';
import { KnowledgeService } from './knowledge/index.js';
import { type AnnouncementServices, buildAnnouncements } from './announcements/index.js';
import { CrisisService } from './safety/index.js';

export interface Services {
  config: Config;
  store: Store;
  outlets: Outlets;
  clock: Clock;
  log: Logger;
  /** Member polls: votes, tallies, deadlines, reminders, exports. */
  polls: PollService;
  /** Scheduled and recurring polls (kind "poll" of the announcement scheduler). */
  pollSchedules: PollSchedules;
  /** Linked accounts: one person across Slack and Discord (one vote per poll). */
  identity: IdentityService;
  /** Certification Q&A: the knowledge base, its search and the unanswered-questions log. */
  knowledge: KnowledgeService;
  /** Announcements, events and their scheduler/outbox/audit (src/services/announcements, src/services/events). */
  announce: AnnouncementServices;
  /** The leadership dashboard (src/web), when it is on: one-time sign-in links for `/niapp dashboard`. */
  dashboard?: { signInLink(actor: Pick<Actor, 'platform' | 'id' | 'name'>): Promise<string>; /** Its public base URL (DASHBOARD_URL). */ url?: string };
  /** The crisis safety net: the registry's raw-text guard (`screen`) and the daily count of crisis answers. */
  crisis: CrisisService;
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

const PROCESS_SECRET = randomBytes(32).toString('hex');

export async function buildServices(deps: BaseDeps): Promise<{ services: Services; lifecycles: Lifecycle[] }> {
  // main.ts always sets BOT_SECRET (from the environment or the secret file); tests without one share a secret
  // made for this process, so in-process replicas agree on it.
  const secret = deps.config.BOT_SECRET ?? PROCESS_SECRET;
  const knowledge = await KnowledgeService.create({
    secret,
    dir: deps.config.KNOWLEDGE_DIR,
    store: deps.store,
    clock: deps.clock,
    log: deps.log,
    leaders: { outlets: deps.outlets, config: deps.config },
  });
  const identity = new IdentityService(deps.store, deps.clock);
  const polls = new PollService({ ...deps, identity, zone: deps.config.BOT_TIMEZONE, secret });
  const { lifecycle: scheduler, ...announce } = buildAnnouncements(deps);
  const crisis = new CrisisService({ store: deps.store, clock: deps.clock, log: deps.log, zone: deps.config.BOT_TIMEZONE });
  const pollSchedules = new PollSchedules({ polls, announce, outlets: deps.outlets, clock: deps.clock, zone: deps.config.BOT_TIMEZONE });
  announce.scheduler.kinds.set('poll', pollSchedules.hooks());
  const services: Services = { ...deps, knowledge, identity, polls, pollSchedules, announce, crisis };
  const lifecycles: Lifecycle[] = [];
  lifecycles.push(polls);
  lifecycles.push(knowledge.watcher());
  lifecycles.push(knowledge.digest(deps.config.BOT_TIMEZONE));
  lifecycles.push(scheduler);
  return { services, lifecycles };
}
