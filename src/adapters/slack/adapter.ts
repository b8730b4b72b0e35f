// The Slack adapter: one Bolt App over the HTTP receiver (/slack/events) or Socket Mode, routing slash
// commands, button/select clicks and modal submissions into the registry. Every listener acks within Slack's
// 3 s (commands at once; clicks after their handler when it is quick: see ACK_DEADLINE_MS); a
// delivery Slack repeats (x-slack-retry-num) is acted on once (a store claim, so across restarts), and so is a
// double click (in memory: see click-window.ts).
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Adapter, AdapterDeps, AdapterStatus } from '../../core/adapter.js';
import type { Actor } from '../../core/context.js';
import { ACTION_ID_PATTERN, CALLBACK_ID_PATTERN, unpackAction, unpackForm } from './ids.js';
import { createLeaders } from './leaders.js';
import { SLACK_EVENTS_PATH } from './manifest.js';
import { createSlackOutlet } from './outlet.js';
import { formValues } from './render.js';
import { ClickWindow } from './click-window.js';
import { createSurface, type Respond } from './surface.js';

/** How long a delivery id (trigger_id) is remembered: longer than Slack's last retry (+5 min). */
export const DELIVERY_TTL_MS = 60 * 60_000;
/**
 * Slack needs its ack within 3 s. A click whose handler finishes sooner (a vote takes milliseconds) is acked after
 * it finished, so that what Slack was told it received has been written: a crash then loses no acknowledged
 * click. Slower work is acked at this deadline and finishes after. Slash commands are acked at once.
 */
export const ACK_DEADLINE_MS = 1500;
/** Two clicks of the same control by the same member within this window are one click (a double click). */
export const CLICK_WINDOW_MS = 1000;
const DEDUPE_NS = 'slack-dedupe';

export interface SlackAdapterOptions {
  /** Overrides SLACK_PORT (tests listen on port 0 of 127.0.0.1). */
  listen?: { port: number; host?: string };
  /** WebClient retries; production default: 3 retries, 1 s → 10 s apart (429s wait for Retry-After). */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
}

export interface SlackAdapter extends Adapter {
  /** The HTTP endpoint once started in HTTP mode, e.g. http://127.0.0.1:41234/slack/events. */
  readonly url: string | undefined;
}

export function createSlackAdapter(deps: AdapterDeps, options: SlackAdapterOptions = {}): SlackAdapter {
  const { config, registry, services } = deps;
  const log = deps.log.child({ platform: 'slack' });
  const mode = config.slack?.mode ?? 'http';
  const clientOptions = {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    retryConfig: options.retryConfig ?? { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 10_000 },
  };
  const logger = boltLogger(log);
  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, endpoints: SLACK_EVENTS_PATH, logger });
  // convoStore: false — Bolt's default keeps an in-memory conversation store per channel, which we never read.
  const app = new App({ token: config.SLACK_BOT_TOKEN!, receiver, logger, clientOptions, convoStore: false, deferInitialization: true });
  const client = app.client;
  const leaders = createLeaders(
    config.SLACK_LEADERS,
    config.SLACK_LEADER_GROUP,
    { groupMembers: async (usergroup) => (await client.usergroups.users.list({ usergroup })).users ?? [] },
    services.clock,
    log,
  );
  const outlet = createSlackOutlet(client, config.SLACK_ANNOUNCE_CHANNEL, log);
  const clicks = new ClickWindow(CLICK_WINDOW_MS);
  let status: AdapterStatus = 'disconnected';
  let server: Server | undefined;
  let url: string | undefined;

  /** True the first time `key` is seen. If the store is down, act rather than drop the member's request. */
  const fresh = async (key: string, ttlMs: number): Promise<boolean> => {
    try {
      return await services.store.claim(DEDUPE_NS, key, 1, ttlMs);
    } catch (err) {
      log.warn({ err }, 'dedupe store unavailable; handling the request anyway');
      return true;
    }
  };
  const actorOf = async (id: string, name: string | undefined): Promise<Actor> => ({
    platform: 'slack',
    id,
    name: name || id,
    isLeader: await leaders.isLeader(id),
  });

  // A slash command is acked at once: its result is a message the member sees, and if the process died before
  // answering they would simply type it again.
  app.command(/^\/[\w-]+$/, async ({ command, ack, respond, context }) => {
    await ack();
    if (!(await fresh(`delivery:${command.trigger_id}`, DELIVERY_TTL_MS))) return void log.info({ retryNum: context.retryNum }, 'repeated slash command ignored');
    const surface = createSurface({
      actor: await actorOf(command.user_id, command.user_name),
      channelId: command.channel_id,
      client,
      log,
      respond: respond as Respond,
      triggerId: command.trigger_id,
    });
    await registry.runText(surface, command.command.slice(1), unescapeSlack(command.text ?? ''));
  });

  // A click's effect (a vote, an RSVP) is saved before Slack is told the click arrived (see ACK_DEADLINE_MS).
  app.action(ACTION_ID_PATTERN, async ({ ack, body, action, respond }) =>
    ackWhenDone(ack, async () => {
      if (body.type !== 'block_actions') return;
      const a = action as { action_id: string; value?: string; selected_option?: { value: string }; selected_options?: { value: string }[] };
      const ref = unpackAction(a.action_id, a.value);
      if (!ref) return;
      const values = a.selected_options?.map((o) => o.value) ?? (a.selected_option ? [a.selected_option.value] : []);
      const container = body.container as { message_ts?: string; channel_id?: string; is_ephemeral?: boolean };
      const channelId = body.channel?.id ?? container.channel_id ?? '';
      const ts = container.message_ts ?? body.message?.ts;
      if (!(await fresh(`delivery:${body.trigger_id}`, DELIVERY_TTL_MS))) return void log.info('repeated click delivery ignored');
      const click = `${body.user.id}:${channelId}:${ts ?? ''}:${a.action_id}:${a.value ?? ''}:${values.join(',')}`;
      if (!clicks.first(click)) return void log.info({ action: `${ref.command}:${ref.action}` }, 'double click ignored');
      const surface = createSurface({
        actor: await actorOf(body.user.id, body.user.name ?? body.user.username),
        channelId,
        client,
        log,
        respond: respond as Respond,
        triggerId: body.trigger_id,
        ...(ts ? { source: { channelId, ts, ephemeral: Boolean(container.is_ephemeral) } } : {}),
      });
      await registry.runAction(surface, ref, values);
    }),
  );

  app.view(CALLBACK_ID_PATTERN, async ({ ack, body, view }) => {
    const route = unpackForm(view.callback_id, view.private_metadata);
    if (!route || !(await fresh(`delivery:${(body as { trigger_id?: string }).trigger_id ?? view.hash}`, DELIVERY_TTL_MS))) return void (await ack());
    const surface = createSurface({ actor: await actorOf(body.user.id, body.user.name), channelId: route.channelId, client, log });
    const submitted = registry.submitForm(surface, route, formValues(view.state.values as never));
    // Invalid fields are known at once; valid ones start the handler, which must not hold up the ack (3 s).
    const early = await Promise.race([submitted, new Promise<'running'>((r) => setImmediate(() => r('running')))]);
    if (early !== 'running' && !early.ok) return void (await ack({ response_action: 'errors', errors: onBlocks(early.errors, view.blocks) }));
    await ack();
    await submitted;
  });

  app.error(async (err) => {
    log.error({ err }, 'Slack listener failed');
  });

  return {
    platform: 'slack',
    status: () => status,
    leaders: { isLeader: (userId) => leaders.isLeader(userId) },
    get url() {
      return url;
    },
    async start() {
      status = 'connecting';
      await app.init();
      if (receiver instanceof HTTPReceiver) {
        const listen = options.listen ?? { port: config.SLACK_PORT ?? 3000 };
        server = await receiver.start(listen);
        const { port } = server.address() as AddressInfo;
        url = `http://${listen.host ?? '127.0.0.1'}:${port}${SLACK_EVENTS_PATH}`;
        log.info({ port, mode }, 'Slack HTTP receiver listening');
      } else {
        await receiver.start();
        log.info({ mode }, 'Slack Socket Mode connected');
      }
      services.outlets.add(outlet);
      status = 'connected';
    },
    async stop() {
      services.outlets.remove('slack');
      status = 'disconnected';
      server?.closeIdleConnections();
      await app.stop();
      server?.closeAllConnections();
    },
  };
}

/** Slack rejects errors for unknown block ids: a message about no field in particular goes on the first one. */
function onBlocks(errors: Record<string, string>, blocks: { block_id?: string }[]): Record<string, string> {
  const ids = blocks.map((b) => b.block_id).filter((id): id is string => Boolean(id));
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const id = ids.includes(field) ? field : ids[0];
    if (id) out[id] = out[id] ? `${out[id]} ${message}` : message;
  }
  return out;
}

/** Slack sends &, < and > of slash command text as entities; the parser wants what the member typed. */
export const unescapeSlack = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Bolt's logger interface over pino, one level quieter: Bolt's info is our debug. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (m: unknown[]) => m.map((x) => (x instanceof Error ? x.message : typeof x === 'string' ? x : JSON.stringify(x))).join(' ');
  return {
    debug: (...m) => log.trace(text(m)),
    info: (...m) => log.debug(text(m)),
    warn: (...m) => log.warn(text(m)),
    error: (...m) => log.error(text(m)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Runs `work`, acking when it is done or at ACK_DEADLINE_MS, whichever comes first. */
async function ackWhenDone(ack: () => Promise<void>, work: () => Promise<void>): Promise<void> {
  const running = work();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ACK_DEADLINE_MS)));
  await Promise.race([running.catch(() => undefined), deadline]);
  clearTimeout(timer);
  await ack();
  await running;
}
