// Test helpers for commands and services: the real registry and a real sqlite store (in memory),
// with a recording surface in place of a chat platform. Adapter tests use the stand-ins instead.
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import type { CommandDef } from '../../src/core/command.js';
import { type Actor, type Outlet, Outlets, type Surface } from '../../src/core/context.js';
import type { Form, Message, MessageRef, Platform } from '../../src/core/message.js';
import { toMessage } from '../../src/core/message.js';
import { renderPlain } from '../../src/core/plain.js';
import { Registry } from '../../src/core/registry.js';
import { buildServices, type Lifecycle, type Services } from '../../src/services/index.js';
import { openStore } from '../../src/storage/store.js';

export interface Said {
  kind: 'reply' | 'ephemeral' | 'update' | 'form' | 'post' | 'dm';
  to?: string;
  message: Message;
  /** The plain-text rendering: what a member would read. */
  text: string;
}

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private t = new Date('2026-11-22T15:00:00Z')) {}
  now = (): Date => new Date(this.t);
  set(iso: string | Date): void {
    this.t = new Date(iso);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export const member = (id = 'alice', platform: Platform = 'console'): Actor => ({ platform, id, name: id, isLeader: false });
export const leader = (id = 'lead', platform: Platform = 'console'): Actor => ({ platform, id, name: id, isLeader: true });

export interface Harness {
  registry: Registry;
  services: Services;
  /** Services with timers of their own; not started by `harness()` — call start() where a test needs them. */
  lifecycles: Lifecycle[];
  clock: TestClock;
  said: Said[];
  /** Runs a typed command line as `actor` ('/poll "Q" "A" "B"'); returns what was said during it. */
  run(line: string, actor?: Actor): Promise<Said[]>;
  /** A surface that records what is said; `source` for clicks. */
  surface(actor: Actor, source?: MessageRef): Surface;
  close(): Promise<void>;
}

/** Builds services exactly as main.ts does, over an in-memory sqlite store and a recording outlet. */
export async function harness(commands: CommandDef[], env: Record<string, string> = {}): Promise<Harness> {
  const config: Config = loadConfig({ BOT_DB: 'sqlite://:memory:', ...env });
  const store = await openStore(config.BOT_DB);
  const clock = new TestClock();
  const log = pino({ level: 'silent' });
  const outlets = new Outlets();
  const said: Said[] = [];
  const record = (kind: Said['kind'], m: Message | string, to?: string) => {
    const message = toMessage(m);
    said.push({ kind, to, message, text: renderPlain(message) });
  };
  let n = 0;
  const outlet: Outlet = {
    platform: 'console',
    announceChannel: 'console',
    async post(channelId, msg) {
      record('post', msg, channelId);
      return { platform: 'console', channelId, messageId: `m${++n}` };
    },
    async update(ref, msg) {
      record('update', msg, ref.messageId);
    },
    async dm(userId, msg) {
      record('dm', msg, userId);
      return true;
    },
    async canPost() {
      return true;
    },
  };
  outlets.add(outlet);
  const { services, lifecycles } = await buildServices({ config, store, outlets, clock, log });
  const registry = new Registry(commands, { services, log, now: clock.now, screen: services.crisis.screen });
  const surface = (actor: Actor, source?: MessageRef): Surface => ({
    actor,
    where: { platform: actor.platform, channelId: 'console' },
    async reply(m) {
      record('reply', m);
      return { platform: actor.platform, channelId: 'console', messageId: `m${++n}` };
    },
    async ephemeral(m) {
      record('ephemeral', m, actor.id);
    },
    async defer() {},
    async openForm(form: Form) {
      said.push({ kind: 'form', message: { title: form.title }, text: form.title });
      return false;
    },
    source,
    updateSource: source ? async (m) => record('update', m, source.messageId) : undefined,
  });
  return {
    registry,
    services,
    lifecycles,
    clock,
    said,
    surface,
    async run(line, actor = leader()) {
      const start = said.length;
      const m = /^\/(\S+)\s*(.*)$/s.exec(line.trim());
      if (!m) throw new Error(`not a command line: ${line}`);
      await registry.runText(surface(actor), m[1]!, m[2]!);
      return said.slice(start);
    },
    async close() {
      for (const l of lifecycles) await l.stop();
      await store.close();
    },
  };
}
