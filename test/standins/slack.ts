// A local Slack for tests: the Web API methods the bot uses (recorded as calls), a response_url sink, file
// uploads, Socket Mode over a real WebSocket, and requests to the bot signed exactly as Slack signs them.
// Reusable: `const slack = await startSlackStandIn()`, then `startSlackBot(slack)` (slack-bot.ts).
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import * as payloads from './slack-payloads.js';

import { until } from '../helpers/wait.js';

export { until };

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** Set when the stand-in answered this attempt with an injected fault. */
  fault?: number;
}
export interface Posted {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}
export type Block = { type: string; [k: string]: unknown };
export interface Fault {
  status: number;
  headers?: Record<string, string>;
}
export interface Delivery {
  status: number;
  /** The bot's HTTP answer (e.g. `{"response_action":"errors",…}` for a view submission). */
  body: string;
  /** Time until the bot acked, ms. */
  ms: number;
  triggerId: string;
  responseUrl: string;
}
export interface Channel {
  members: string[];
  isMember: boolean;
  archived?: boolean;
}

export const signRequest = (secret: string, body: string, timestamp: number): Record<string, string> => ({
  'x-slack-request-timestamp': String(timestamp),
  'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
});

export type SlackStandIn = Awaited<ReturnType<typeof startSlackStandIn>>;

export async function startSlackStandIn(opts: { signingSecret?: string } = {}) {
  const signingSecret = opts.signingSecret ?? 'test-signing-secret';
  const calls: ApiCall[] = [];
  const posted: Posted[] = [];
  const updates: Posted[] = [];
  const ephemerals: { channel: string; user: string; text: string; blocks: Block[] }[] = [];
  const responses: { url: string; body: Record<string, unknown> }[] = [];
  const views: Record<string, unknown>[] = [];
  const uploads: { fileId: string; filename: string; bytes: Buffer; channel?: string; length?: number; alt?: string; completed?: boolean }[] = [];
  /** Slack refuses an image block whose slack_file was not uploaded and completed, or that has no alt_text. */
  const badImage = (blocks: unknown): boolean =>
    Array.isArray(blocks) &&
    blocks.some((b: Block) => b.type === 'image' && (!b.alt_text || (!b.image_url && !uploads.some((u) => u.completed && u.fileId === (b.slack_file as { id?: string } | undefined)?.id))));
  const channels: Record<string, Channel> = {};
  const usergroups: Record<string, string[]> = {};
  const faults = new Map<string, Fault[]>();
  const resets = new Map<string, number>();
  const waiters = new Map<string, (r: (typeof responses)[number]) => void>();
  const sockets = new Set<WebSocket>();
  const acks: { envelope_id: string; payload?: unknown }[] = [];
  let n = 0;
  let base = '';

  const api: Record<string, (a: Record<string, unknown>, token?: string) => Record<string, unknown>> = {
    'auth.test': () => ({ url: 'https://niapp.slack.com/', team: 'NIAPP', team_id: 'T0NIAPP', user: 'niapp', user_id: 'U0BOT', bot_id: 'B0BOT' }),
    'chat.postMessage': (a) => {
      const channel = String(a.channel);
      if (badImage(a.blocks)) return { ok: false, error: 'invalid_blocks' };
      if (channels[channel] && !channels[channel].isMember) return { ok: false, error: 'not_in_channel' };
      const message: Posted = { channel, ts: `1763800000.${String(++n).padStart(6, '0')}`, text: String(a.text ?? ''), blocks: (a.blocks as Block[]) ?? [] };
      if (a.thread_ts) message.thread_ts = String(a.thread_ts);
      if (a.metadata) message.metadata = a.metadata as Posted['metadata'];
      posted.push(message);
      return { channel, ts: message.ts, message };
    },
    'chat.update': (a) => {
      const message = posted.find((p) => p.channel === a.channel && p.ts === a.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      Object.assign(message, { text: String(a.text ?? ''), blocks: (a.blocks as Block[]) ?? [] });
      updates.push({ ...message });
      return { channel: message.channel, ts: message.ts };
    },
    'chat.postEphemeral': (a) => {
      if (badImage(a.blocks)) return { ok: false, error: 'invalid_blocks' };
      ephemerals.push({ channel: String(a.channel), user: String(a.user), text: String(a.text ?? ''), blocks: (a.blocks as Block[]) ?? [] });
      return { message_ts: `1763800000.${String(++n).padStart(6, '0')}` };
    },
    'views.open': (a) => {
      const view = { id: `V${++n}`, hash: `h${n}`, ...(a.view as Record<string, unknown>) };
      views.push(view);
      return { view };
    },
    'conversations.history': (a) => ({
      messages: posted
        .filter((p) => p.channel === a.channel)
        .slice(-Number(a.limit ?? 100))
        .reverse()
        .map(({ ts, text, metadata }) => ({ type: 'message', ts, text, ...(metadata && String(a.include_all_metadata) === 'true' ? { metadata } : {}) })),
      has_more: false,
    }),
    'conversations.open': (a) => ({ channel: { id: `D${String(a.users)}` } }),
    'conversations.info': (a) => {
      const c = channels[String(a.channel)];
      return c ? { channel: { id: a.channel, is_member: c.isMember, is_archived: Boolean(c.archived) } } : { ok: false, error: 'channel_not_found' };
    },
    'conversations.members': (a) => {
      const c = channels[String(a.channel)];
      if (!c) return { ok: false, error: 'channel_not_found' };
      const start = Number(a.cursor ?? 0);
      const limit = Number(a.limit ?? 100);
      const next = start + limit < c.members.length ? String(start + limit) : '';
      return { members: c.members.slice(start, start + limit), response_metadata: { next_cursor: next } };
    },
    'usergroups.users.list': (a) => (usergroups[String(a.usergroup)] ? { users: usergroups[String(a.usergroup)] } : { ok: false, error: 'no_such_subteam' }),
    'files.getUploadURLExternal': (a) => {
      const fileId = `F${++n}`;
      uploads.push({ fileId, filename: String(a.filename), bytes: Buffer.alloc(0), length: Number(a.length), ...(a.alt_text ? { alt: String(a.alt_text) } : {}) });
      return { upload_url: `${base}/upload/${fileId}`, file_id: fileId };
    },
    'files.completeUploadExternal': (a) => {
      const files = a.files as { id: string }[];
      if (!files.every((f) => uploads.some((u) => u.fileId === f.id && u.bytes.length === u.length))) return { ok: false, error: 'file_upload_incomplete' };
      for (const f of files) {
        const u = uploads.find((x) => x.fileId === f.id)!;
        u.completed = true;
        if (a.channel_id) u.channel = String(a.channel_id);
      }
      return { files: files.map((f) => ({ id: f.id })) };
    },
    'apps.connections.open': (_a, token) =>
      token?.startsWith('xapp-') ? { url: `${base.replace('http', 'ws')}/socket?ticket=${randomBytes(4).toString('hex')}` } : { ok: false, error: 'not_allowed_token_type' },
  };

  const server = createServer(async (req, res) => {
    // A bot killed mid-request (the crash tests) leaves a half-sent body: Slack would drop it, and so do we.
    const raw = await readBody(req).catch(() => undefined);
    if (!raw) return void res.destroy();
    const path = req.url ?? '';
    if (path.startsWith('/respond/')) {
      const r = { url: `${base}${path}`, body: JSON.parse(raw.toString('utf8')) as Record<string, unknown> };
      responses.push(r);
      waiters.get(r.url)?.(r);
      return void res.writeHead(200).end('ok');
    }
    if (path.startsWith('/upload/')) {
      const u = uploads.find((x) => x.fileId === path.slice('/upload/'.length));
      // The WebClient sends the bytes as a multipart form (one file part), as Slack's upload URL accepts.
      if (u) u.bytes = await fileBytes(raw, req.headers['content-type'] ?? '');
      return void res.writeHead(u ? 200 : 404).end(u ? 'OK - 0' : 'not found');
    }
    const method = path.replace(/^\/api\//, '').split('?')[0]!;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const args = parseArgs(raw.toString('utf8'), req.headers['content-type'] ?? '');
    const fault = faults.get(method)?.shift();
    calls.push({ method, args, token, ...(fault ? { fault: fault.status } : {}) });
    if (fault) return void res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end(JSON.stringify({ ok: false, error: 'fault' }));
    const handler = api[method];
    const out = handler ? handler(args, token) : { ok: false, error: 'unknown_method' };
    if (resets.get(method)) {
      // Done, then the connection dies before the answer (as after a long hang): the client cannot tell.
      resets.set(method, resets.get(method)! - 1);
      return void res.destroy();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ...out }));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => acks.push(JSON.parse(String(data)) as (typeof acks)[number]));
      ws.send(JSON.stringify({ type: 'hello', num_connections: sockets.size, connection_info: { app_id: 'A0NIAPP' }, debug_info: { host: 'standin' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const newIds = () => ({ triggerId: `${++n}.${randomBytes(6).toString('hex')}`, responseUrl: `${base}/respond/${n}` });

  const standIn = {
    apiUrl: `${base}/api/`,
    signingSecret,
    /** The bot's events URL (set by startSlackBot). */
    target: undefined as string | undefined,
    calls,
    posted,
    updates,
    ephemerals,
    responses,
    views,
    uploads,
    channels,
    usergroups,
    acks,
    /** Resolves with the first body POSTed to `url` (a response_url). */
    response(url: string): Promise<(typeof responses)[number]> {
      const seen = responses.find((r) => r.url === url);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.set(url, (r) => (waiters.delete(url), resolve(r))));
    },
    callsTo: (method: string) => calls.filter((c) => c.method === method && !c.fault),
    /** The next answers of `method` are these faults (e.g. 429 with Retry-After), then normal answers. */
    fail(method: string, ...f: Fault[]) {
      faults.set(method, [...(faults.get(method) ?? []), ...f]);
    },
    /** Drops the faults of `method` still waiting to be answered. */
    heal(method: string) {
      faults.delete(method);
    },
    /** The next `times` calls of `method` are carried out, then their connection is reset before the answer. */
    resetAfterDoing(method: string, times = 1) {
      resets.set(method, (resets.get(method) ?? 0) + times);
    },
    /** POSTs a form body to the bot, signed like Slack; `timestamp`/`secret` let tests forge or age it. */
    async deliver(body: string, o: { retryNum?: number; timestamp?: number; secret?: string } = {}) {
      if (!standIn.target) throw new Error('no bot: set standIn.target (startSlackBot does)');
      const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...signRequest(o.secret ?? signingSecret, body, ts) };
      if (o.retryNum !== undefined) Object.assign(headers, { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' });
      const started = performance.now();
      const res = await post(standIn.target, headers, body);
      return { ...res, ms: performance.now() - started };
    },
    /** A slash command as Slack sends it. Pass `ids` of an earlier delivery to repeat that same delivery. */
    async command(c: payloads.CommandInput, o: { retryNum?: number; timestamp?: number; secret?: string; ids?: { triggerId: string; responseUrl: string } } = {}): Promise<Delivery> {
      const ids = o.ids ?? newIds();
      const body = new URLSearchParams(payloads.commandFields(c, ids) as Record<string, string>).toString();
      return { ...(await standIn.deliver(body, o)), ...ids };
    },
    /** Clicks a control: a button found by label in `blocks` (or a select, with `selected`). */
    async click(c: payloads.ClickInput, o: { retryNum?: number; ids?: { triggerId: string; responseUrl: string } } = {}): Promise<Delivery> {
      const ids = o.ids ?? newIds();
      const body = new URLSearchParams({ payload: JSON.stringify(payloads.blockActions(c, ids)) }).toString();
      return { ...(await standIn.deliver(body, o)), ...ids };
    },
    /** Submits a modal that the bot opened (a `views.open` view), with field values by block id. */
    async submitView(view: Record<string, unknown>, values: Record<string, string>, user: payloads.User): Promise<Delivery> {
      const ids = newIds();
      const body = new URLSearchParams({ payload: JSON.stringify(payloads.viewSubmission(view, values, user, ids)) }).toString();
      return { ...(await standIn.deliver(body)), ...ids };
    },
    /** Socket Mode: sends an envelope to the connected bot and waits for the ack carrying its envelope_id. */
    async envelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown, o: { retryAttempt?: number; envelopeId?: string } = {}) {
      const ws = [...sockets][0];
      if (!ws) throw new Error('no Socket Mode connection');
      const envelope_id = o.envelopeId ?? `env-${++n}`;
      const started = performance.now();
      ws.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: o.retryAttempt ?? 0, retry_reason: o.retryAttempt ? 'timeout' : '' }));
      await until(() => acks.some((a) => a.envelope_id === envelope_id), 3000);
      return { ack: acks.find((a) => a.envelope_id === envelope_id)!, ms: performance.now() - started };
    },
    commandPayload: (c: payloads.CommandInput) => payloads.commandFields(c, newIds()),
    socketCount: () => sockets.size,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return standIn;
}

/** The text of every block of a message, joined: what a member reads. */
export const blockText = (blocks: Block[]): string => JSON.stringify(blocks).match(/"text":"((?:[^"\\]|\\.)*)"/g)?.map((m) => JSON.parse(`{${m}}`).text as string).join('\n') ?? '';

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  if (!contentType.includes('application/x-www-form-urlencoded')) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  return out;
}

async function fileBytes(raw: Buffer, type: string): Promise<Buffer> {
  if (!type.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
  const file = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
  return file ? Buffer.from(await file.arrayBuffer()) : raw;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/**
 * Slack's deliveries, over keep-alive connections (as Slack's edge reuses them). A burst of fresh connections
 * would measure TCP connection setup on the test machine (SYN retries of 1 s and more), not the bot.
 */
const deliveryAgent = new Agent({ keepAlive: true });

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: deliveryAgent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
