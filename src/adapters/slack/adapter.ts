// The Slack adapter: one Bolt App over the HTTP receiver (/slack/events) or Socket Mode, routing slash
// commands, button/select clicks and modal submissions into the registry. Slash commands are acked at once.
// A click or a form is acked only once its effect is saved (see CLICK_DEADLINE_MS): if it cannot be saved in
// time the member is told it did not go through, and Slack gets no ack. A delivery Slack repeats
// (x-slack-retry-num) is acted on once (a store claim, so across restarts), and so is a double click (in memory:
// see click-window.ts). Requests are checked before Bolt sees them (request-guard.ts).
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Adapter, AdapterDeps, AdapterStatus } from '../../core/adapter.js';
import type { Actor } from '../../core/context.js';
import { unpackAction, unpackForm } from './ids.js';
import { createLeaders } from './leaders.js';
import { SLACK_EVENTS_PATH } from './manifest.js';
import { createSlackOutlet } from './outlet.js';
import { formValues } from './render.js';
import { ClickWindow } from './click-window.js';
import { BODY_LIMIT, guardRequests, receivedAtOf } from './request-guard.js';
import { withDeadline } from '../../core/deadline.js';
import type { Outcome } from '../../core/registry.js';
import { createSurface, type Respond } from './surface.js';

/** How long a delivery id (trigger_id) is remembered: longer than Slack's last retry (+5 min). */
export const DELIVERY_TTL_MS = 60 * 60_000;
/**
 * Slack needs its ack within 3 s. A click or form runs under this deadline (core/deadline.ts): it is acked when
 * its handler is done — so what Slack was told it received has been written, and a crash loses no acknowledged
 * click. A handler still waiting for its turn at the deadline never starts, and a store call cannot outlast it
 * (nor write after it). The member is then told it did not go through, and Slack gets 503 instead of an ack.
 */
export const CLICK_DEADLINE_MS = 2300;
/** A handler still busy past its deadline (a slow Slack API call after the save) is acked here if it saved. */
const ACK_GRACE_MS = 400;
const NOT_SAVED = 'That did not go through and nothing was changed: the bot could not save it in time. Please try again in a minute.';
const OLD_CONTROL = 'That button belongs to an older version of the bot and no longer works. Run the command again for a fresh one.';
const OLD_FORM = 'This form belongs to an older version of the bot. Close it and run the command again.';
/** Two clicks of the same control by the same member within this window are one click (a double click). */
export const CLICK_WINDOW_MS = 1000;
const DEDUPE_NS = 'slack-dedupe';

/** Thrown from a listener whose click was not saved: the receiver then answers 503 rather than acking. */
class NotSavedError extends Error {
  override readonly name = 'NotSavedError';
}

export interface SlackAdapterOptions {
  /** Overrides SLACK_PORT and SLACK_HOST (tests listen on port 0 of 127.0.0.1). */
  listen?: { port: number; host?: string };
  /** WebClient retries; production default: 3 retries, 1 s → 10 s apart (429s wait for Retry-After). */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  /** How long a keyed post may take before it counts as failed (tests make it short). */
  postTimeoutMs?: number;
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
      : new HTTPReceiver({
          signingSecret: config.SLACK_SIGNING_SECRET!,
          endpoints: SLACK_EVENTS_PATH,
          logger,
          bodyLimit: BODY_LIMIT,
          customPropertiesExtractor: (req) => ({ receivedAt: receivedAtOf(req) }),
          processEventErrorHandler: async ({ error, response }) => {
            if (!response.headersSent) response.writeHead(isNotSaved(error) ? 503 : 500).end();
            return false;
          },
          // Not acked in time means not saved (see whenSaved): 503, quietly — the registry tells the member.
          unhandledRequestTimeoutMillis: 2900,
          unhandledRequestHandler: ({ response }) => {
            if (!response.headersSent) response.writeHead(503).end();
          },
        });
  if (receiver instanceof HTTPReceiver) {
    receiver.requestListener = guardRequests(receiver.requestListener, { signingSecret: config.SLACK_SIGNING_SECRET!, log });
  }
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
  const posts = new webApi.WebClient(config.SLACK_BOT_TOKEN!, { ...clientOptions, retryConfig: { retries: 0 }, ...(options.postTimeoutMs ? { timeout: options.postTimeoutMs } : {}) });
  const outlet = createSlackOutlet(client, config.SLACK_ANNOUNCE_CHANNEL, posts, log);
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

  // A click's effect (a vote, an RSVP) is saved before Slack is told the click arrived (see CLICK_DEADLINE_MS).
  // Every action id comes here: one the bot no longer knows is answered politely rather than left to time out.
  app.action(/.*/, async ({ ack, body, action, respond, context }) => {
    const tell = (text: string) => (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
    if (body.type !== 'block_actions') return void (await ack());
    const a = action as { action_id: string; value?: string; selected_option?: { value: string }; selected_options?: { value: string }[] };
    const ref = unpackAction(a.action_id, a.value);
    if (!ref) {
      await ack();
      return void (await tell(OLD_CONTROL));
    }
    const values = a.selected_options?.map((o) => o.value) ?? (a.selected_option ? [a.selected_option.value] : []);
    const container = body.container as { message_ts?: string; channel_id?: string; is_ephemeral?: boolean };
    const channelId = body.channel?.id ?? container.channel_id ?? '';
    const ts = container.message_ts ?? body.message?.ts;
    // The registry tells the member (its store calls are refused once the deadline expired, or it never starts).
    const notSaved = async () => {
      throw new NotSavedError('not saved in time');
    };
    await whenSaved(deadlineOf(context), ack, notSaved, async () => {
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
      return registry.runAction(surface, ref, values);
    }, { ackOnWrite: true });
  });

  // A form is acked when its handler is done; if it could not be saved, the modal stays open and says so.
  app.view(/.*/, async ({ ack, body, view, context }) => {
    const route = unpackForm(view.callback_id, view.private_metadata);
    const firstBlock = (text: string) => onBlocks({ form: text }, view.blocks);
    if (!route) return void (await ack({ response_action: 'errors', errors: firstBlock(OLD_FORM) }));
    await whenSaved(
      deadlineOf(context),
      () => ack(),
      () => ack({ response_action: 'errors', errors: firstBlock(NOT_SAVED) }),
      async () => {
        if (!(await fresh(`delivery:${(body as { trigger_id?: string }).trigger_id ?? view.hash}`, DELIVERY_TTL_MS))) return;
        const surface = createSurface({ actor: await actorOf(body.user.id, body.user.name), channelId: route.channelId, client, log });
        const result = await registry.submitForm(surface, route, formValues(view.state.values as never));
        if (!result.ok) return { errors: onBlocks(result.errors, view.blocks) };
        return result.outcome;
      },
      { ackOnWrite: false, invalid: (errors) => ack({ response_action: 'errors', errors }) },
    );
  });

  app.error(async (err) => {
    if (isNotSaved(err)) throw err; // the receiver answers 503; the registry already told the member
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
        const listen = options.listen ?? { port: config.SLACK_PORT ?? 3000, host: config.SLACK_HOST };
        server = await receiver.start(listen);
        // Slack reuses its connections: keep idle ones longer than its side does (no reset on reuse); headers
        // and whole requests still have short limits (slow clients are cut off; request-guard.ts limits bodies).
        Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 10_000, requestTimeout: 15_000 });
        const { port } = server.address() as AddressInfo;
        url = `http://${listen.host ?? '127.0.0.1'}:${port}${SLACK_EVENTS_PATH}`;
        log.info({ port, host: listen.host ?? '0.0.0.0', mode }, 'Slack HTTP receiver listening');
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

/** CLICK_DEADLINE_MS after the request arrived (HTTP; Socket Mode: now). */
const deadlineOf = (context: object): number => {
  const at = (context as { receivedAt?: unknown }).receivedAt;
  return (typeof at === 'number' ? at : Date.now()) + CLICK_DEADLINE_MS;
};

const isNotSaved = (err: unknown): boolean =>
  err instanceof NotSavedError || (err as { original?: unknown })?.original instanceof NotSavedError;

/**
 * Runs `work` under CLICK_DEADLINE_MS and acks only once what it did was saved: at its first write (a click,
 * `ackOnWrite`: the vote is saved, the member's "recorded" follows), when it ends 'done' or 'refused' (or with
 * nothing to do), or — still busy past the deadline — if it has written. Otherwise the deadline is expired (no
 * later store call may write) and `notSaved()` answers: a click throws NotSavedError, so Slack gets a 503 and no
 * ack (the registry tells the member); a form acks with an error shown in the modal, which stays open. A form's
 * per-field errors go back through `invalid`.
 */
async function whenSaved<E>(
  at: number,
  ack: () => Promise<void>,
  notSaved: () => Promise<void>,
  work: () => Promise<Outcome | void | { errors: E }>,
  opts: { ackOnWrite: boolean; invalid?: (errors: E) => Promise<void> },
): Promise<void> {
  await withDeadline(at, async (deadline) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), Math.max(0, at + ACK_GRACE_MS - Date.now()))));
    const saved = new Promise<'saved'>((r) => opts.ackOnWrite && (deadline.onWrite = () => r('saved')));
    const running = work().catch((): Outcome => 'failed');
    const result = await Promise.race([running, saved, late]);
    clearTimeout(timer);
    if (result && typeof result === 'object') return void (await opts.invalid?.(result.errors));
    if (result === 'failed' || (result === 'late' && !deadline.wrote)) {
      deadline.expired = true;
      return notSaved();
    }
    await ack();
    await running;
  });
}