// A small Discord stand-in on 127.0.0.1 (port 0) for the real discord.js: REST under /api/v10 and a JSON gateway
// on the same port. It records every REST call, answers like Discord, and can misbehave on request
// (drop heartbeat ACKs, close the connection, answer 429). Reusable by any test that needs Discord.
import { EventEmitter } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface Call {
  method: string;
  path: string;
  /** `token` of /interactions/{id}/{token}/callback and /webhooks/{app}/{token}…, for grouping by interaction. */
  token?: string;
  query: URLSearchParams;
  body: any;
  files: { name: string; type: string; text: string; bytes: Buffer }[];
}

export interface DiscordStandInOptions {
  applicationId?: string;
  guildId?: string;
  channelIds?: string[];
  roles?: { id: string; name: string }[];
  heartbeatMs?: number;
  /**
   * The permission bits of the bot's own (managed) role, as a decimal string: by default what the README's invite
   * link asks for (17592186227712, with Create Events); '183296' is a bot invited with the old link.
   */
  botPermissions?: string;
}

/** The bot's managed role in the stand-in's server. */
export const BOT_ROLE_ID = '1000000000000000009';

export interface Who {
  id?: string;
  name?: string;
  roles?: string[];
  /** The member's permission bits as a decimal string ('32' = Manage Server). */
  permissions?: string;
}

export interface Sent {
  id: string;
  token: string;
}

let snowflake = 1_300_000_000_000_000_000n;
export const nextId = (): string => String(++snowflake);

export class DiscordStandIn extends EventEmitter {
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelIds: string[];
  readonly botUser = { id: '1200000000000000001', username: 'niapp-bot', discriminator: '0', global_name: 'NIAPP', avatar: null, bot: true };
  calls: Call[] = [];
  commands: unknown[] = [];
  identifies = 0;
  resumes = 0;
  dropHeartbeatAcks = false;
  /** Guild Scheduled Events by id, as Discord keeps them; `interested` is what user_count reports. */
  scheduledEvents = new Map<string, Record<string, any> & { interested: number }>();
  /** Set false to answer scheduled-event calls as Discord does without the Create Events permission. */
  canCreateEvents = true;
  /** Set true to refuse every recurrence rule (as if Discord's limits had changed), with 400 / 50035. */
  refuseRecurrenceRules = false;
  /** The bot role's permission bits sent in the next GUILD_CREATE (see DiscordStandInOptions.botPermissions). */
  botPermissions: string;
  private readonly faults: { method: string; path: RegExp; retryAfter: number }[] = [];
  private readonly resets: { method: string; path: RegExp }[] = [];
  private readonly errors: { method: string; path: RegExp; status: number }[] = [];
  /** Requests answered with an injected server error (not carried out, not in `calls`). */
  serverErrors = 0;
  /** Messages created in channels (a repeat answered from its nonce creates none). */
  readonly created: { channelId: string; id: string; content: string }[] = [];
  /** Messages created with a nonce, by channel and nonce (enforce_nonce answers a repeat with the first). */
  private readonly nonces = new Map<string, unknown>();
  // A client gone mid-request (a killed bot) is dropped, as Discord would; it must not fail the test run.
  private readonly server = createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket?: WebSocket;
  private seq = 0;
  private sessionId = '';
  port = 0;

  constructor(private readonly opts: DiscordStandInOptions = {}) {
    super();
    this.applicationId = opts.applicationId ?? '1100000000000000001';
    this.guildId = opts.guildId ?? '1000000000000000001';
    this.channelIds = opts.channelIds ?? ['1000000000000000100'];
    this.botPermissions = opts.botPermissions ?? '17592186227712';
    this.server.on('upgrade', (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws)));
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The next call (already made or still to come) that matches. */
  waitFor(match: (c: Call) => boolean, timeoutMs = 5000, after = 0): Promise<Call> {
    const found = this.calls.slice(after).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('call', listener);
        reject(new Error(`no matching Discord call within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`));
      }, timeoutMs);
      const listener = (c: Call) => {
        if (!match(c)) return;
        clearTimeout(timer);
        this.off('call', listener);
        resolve(c);
      };
      this.on('call', listener);
    });
  }

  /** Carries out the next matching request, then resets its connection before answering. */
  resetAfterDoing(method: string, path: RegExp): void {
    this.resets.push({ method, path });
  }

  /** Answers the next `times` matching requests with a server error (`status`, e.g. 503), doing nothing. */
  failNext(method: string, path: RegExp, status = 503, times = 1): void {
    for (let i = 0; i < times; i++) this.errors.push({ method, path, status });
  }

  /** Drops the server errors still waiting to be answered. */
  heal(): void {
    this.errors.length = 0;
  }

  /** Answers the next matching request with 429 and a retry_after (seconds). */
  rateLimitNext(method: string, path: RegExp, retryAfter = 0.05): void {
    this.faults.push({ method, path, retryAfter });
  }

  /** Closes the gateway connection from the server side (as Discord does on restarts). */
  closeGateway(code = 4000): void {
    this.socket?.close(code, 'stand-in closed the connection');
  }

  /** Sends a dispatch (e.g. INTERACTION_CREATE) to the connected client. */
  dispatch(t: string, d: unknown): void {
    this.socket?.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  /** Waits until the client has identified or resumed `n` times in total. */
  async sessions(n: number, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (this.identifies + this.resumes < n) {
      if (Date.now() - start > timeoutMs) throw new Error(`client did not (re)connect: ${this.identifies} identifies, ${this.resumes} resumes`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** A member typing a slash command. `options` as Discord sends them: [{ name, type, value }] or a subcommand. */
  slash(name: string, options: unknown[] = [], who: Who = {}): Sent {
    return this.interact(2, { id: nextId(), name, type: 1, options }, who);
  }

  /** A member clicking a button (no `values`) or choosing in a select on `message`. */
  click(customId: string, message: unknown, who: Who = {}, values?: string[]): Sent {
    const data = values ? { custom_id: customId, component_type: 3, values } : { custom_id: customId, component_type: 2 };
    return this.interact(3, data, who, message);
  }

  /** A member submitting a modal: fields as { id: value }. */
  submit(customId: string, fields: Record<string, string>, who: Who = {}): Sent {
    const components = Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
    return this.interact(5, { custom_id: customId, components }, who);
  }

  /** All REST calls answering one interaction (callback, edits, follow-ups), waiting until `count` arrived. */
  async answers(sent: Sent, count = 1, timeoutMs = 5000): Promise<Call[]> {
    const start = Date.now();
    for (;;) {
      const got = this.calls.filter((c) => c.token === sent.token);
      if (got.length >= count) return got;
      if (Date.now() - start > timeoutMs) throw new Error(`interaction got ${got.length} of ${count} answers: ${got.map((c) => `${c.method} ${c.path}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private interact(type: number, data: unknown, who: Who, message?: unknown): Sent {
    const sent = { id: nextId(), token: `tok${nextId()}` };
    const user = { id: who.id ?? '1200000000000000777', username: who.name ?? 'alice', discriminator: '0', global_name: who.name ?? 'Alice', avatar: null };
    const channel = this.channelIds[0]!;
    this.dispatch('INTERACTION_CREATE', {
      id: sent.id, application_id: this.applicationId, type, data, guild_id: this.guildId, channel_id: channel,
      channel: { id: channel, type: 0, guild_id: this.guildId, name: 'channel-0' }, token: sent.token, version: 1, locale: 'en-US', guild_locale: 'en-US',
      member: { user, roles: who.roles ?? [], permissions: who.permissions ?? '0', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null },
      app_permissions: '84992', entitlements: [], authorizing_integration_owners: { 0: this.guildId }, context: 0, ...(message ? { message } : {}),
    });
    return sent;
  }

  message(channelId: string, body: any, extra: Record<string, unknown> = {}) {
    return {
      id: nextId(), channel_id: channelId, type: 0, author: this.botUser, content: body?.content ?? '', embeds: body?.embeds ?? [],
      components: body?.components ?? [], attachments: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false,
      timestamp: new Date().toISOString(), edited_timestamp: null, flags: body?.flags ?? 0, application_id: this.applicationId, ...extra,
    };
  }

  private connected(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.opts.heartbeatMs ?? 41_250 } }));
    ws.on('message', (raw) => {
      const p = JSON.parse(String(raw)) as { op: number; d: any };
      if (p.op === 1 && !this.dropHeartbeatAcks) ws.send(JSON.stringify({ op: 11 }));
      if (p.op === 2) {
        this.identifies++;
        this.emit('identify', p.d);
        this.sessionId = nextId();
        this.seq = 0;
        this.dispatch('READY', {
          v: 10, user: this.botUser, guilds: [{ id: this.guildId, unavailable: true }], session_id: this.sessionId,
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`, shard: [0, 1], application: { id: this.applicationId, flags: 0 },
        });
        this.dispatch('GUILD_CREATE', this.guild());
      }
      if (p.op === 6) {
        if (p.d.session_id !== this.sessionId) return void ws.send(JSON.stringify({ op: 9, d: false }));
        this.resumes++;
        this.dispatch('RESUMED', {});
      }
    });
  }

  private guild() {
    return {
      id: this.guildId, name: 'NIAPP', owner_id: '1', unavailable: false, member_count: 2, large: false, features: [], emojis: [], stickers: [],
      roles: [{ id: this.guildId, name: '@everyone', permissions: '84992', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        ...(this.opts.roles ?? []).map((r, i) => ({ ...r, permissions: '0', position: i + 1, color: 0, hoist: false, managed: false, mentionable: true, flags: 0 })),
        { id: BOT_ROLE_ID, name: 'niapp-bot', permissions: this.botPermissions, position: 1, color: 0, hoist: false, managed: true, mentionable: false, flags: 0, tags: { bot_id: this.botUser.id } }],
      channels: this.channelIds.map((id, i) => ({ id, type: 0, name: `channel-${i}`, position: i, permission_overwrites: [], guild_id: this.guildId })),
      members: [{ user: this.botUser, roles: [BOT_ROLE_ID], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }],
      threads: [], presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [], joined_at: new Date().toISOString(),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const method = req.method ?? 'GET';
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, json === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const fault = this.faults.findIndex((f) => f.method === method && f.path.test(path));
    if (fault >= 0) {
      const [f] = this.faults.splice(fault, 1);
      this.emit('rate-limited', path);
      return send(429, { message: 'You are being rate limited.', retry_after: f!.retryAfter, global: false }, { 'retry-after': String(f!.retryAfter), 'x-ratelimit-scope': 'user' });
    }
    const error = this.errors.findIndex((f) => f.method === method && f.path.test(path));
    if (error >= 0) {
      const [f] = this.errors.splice(error, 1);
      this.serverErrors++;
      return send(f!.status, { message: 'Service Unavailable', code: 0 });
    }
    const { body, files } = await parseBody(req.headers['content-type'] ?? '', Buffer.concat(chunks));
    const token = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(path)?.[1];
    const call: Call = { method, path, token, query: url.searchParams, body, files };
    this.calls.push(call);
    this.emit('call', call);
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      if (url.searchParams.get('with_response') !== 'true') return send(204);
      const message = body?.data?.content !== undefined || body?.data?.embeds ? this.message(this.channelIds[0]!, body.data) : undefined;
      return send(200, { interaction: { id: path.split('/')[2], type: 2 }, resource: { type: body?.type, ...(message ? { message } : {}) } });
    }
    if ((m = /^\/webhooks\/\d+\/[^/]+\/messages\/(.+)$/.exec(path))) {
      if (method === 'DELETE') return send(204);
      return send(200, this.message(this.channelIds[0]!, body, m[1] === '@original' ? {} : { id: m[1] }));
    }
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return send(200, this.message(this.channelIds[0]!, body));
    // DM channels are "9…" ids (made below); a recipient id ending in 0 has DMs closed (code 50007).
    if ((m = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path))) {
      if (!this.channelIds.includes(m[1]!) && !m[1]!.startsWith('9')) return send(404, { message: 'Unknown Channel', code: 10003 });
      const once = method === 'POST' && body?.enforce_nonce && body?.nonce ? `${m[1]}:${String(body.nonce)}` : undefined;
      if (once && this.nonces.has(once)) return send(200, this.nonces.get(once));
      const created = this.message(m[1]!, body, m[2] ? { id: m[2] } : {});
      if (once) this.nonces.set(once, created);
      if (method === 'POST') this.created.push({ channelId: m[1]!, id: created.id, content: created.content });
      const reset = this.resets.findIndex((r) => r.method === method && r.path.test(path));
      if (reset >= 0) {
        this.resets.splice(reset, 1);
        return void res.destroy();
      }
      return send(200, created);
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      if (!this.channelIds.includes(m[1]!)) return send(404, { message: 'Unknown Channel', code: 10003 });
      return send(200, { id: m[1], type: 0, guild_id: this.guildId, name: 'channel', position: 0, permission_overwrites: [] });
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      if (String(body?.recipient_id).endsWith('0')) return send(403, { message: 'Cannot send messages to this user', code: 50007 });
      return send(200, { id: `9${String(body.recipient_id).slice(1)}`, type: 1, recipients: [{ id: body.recipient_id, username: 'member', discriminator: '0', avatar: null }] });
    }
    // Guild Scheduled Events: create (external events need an end time and a location), edit, read with user_count.
    if ((m = /^\/guilds\/(\d+)\/scheduled-events(?:\/(\d+))?$/.exec(path))) {
      if (m[1] !== this.guildId) return send(404, { message: 'Unknown Guild', code: 10004 });
      if (method !== 'GET' && !this.canCreateEvents) return send(403, { message: 'Missing Permissions', code: 50013 });
      const strip = ({ interested, ...e }: Record<string, any>) => ({ ...e, ...(url.searchParams.get('with_user_count') === 'true' ? { user_count: interested } : {}) });
      if (method === 'POST' && !m[2]) {
        if (body?.entity_type === 3 && (!body.scheduled_end_time || !body.entity_metadata?.location)) {
          return send(400, { message: 'Invalid Form Body', code: 50035, errors: { scheduled_end_time: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'External events need an end time and a location.' }] } } });
        }
        const bad = ruleProblem(body?.recurrence_rule) ?? (this.refuseRecurrenceRules && body?.recurrence_rule ? 'recurrence rules are not accepted' : undefined);
        if (bad) return send(400, { message: 'Invalid Form Body', code: 50035, errors: { recurrence_rule: { _errors: [{ code: 'INVALID_RECURRENCE_RULE', message: bad }] } } });
        const event = { id: nextId(), guild_id: m[1], creator_id: this.botUser.id, status: 1, channel_id: null, ...body, interested: 0 };
        this.scheduledEvents.set(event.id, event);
        return send(200, strip(event));
      }
      const event = m[2] ? this.scheduledEvents.get(m[2]) : undefined;
      if (!event) return send(404, { message: 'Unknown Guild Scheduled Event', code: 10070 });
      if (method === 'GET') return send(200, strip(event));
      if (method === 'PATCH') {
        const bad = ruleProblem(body?.recurrence_rule);
        if (bad) return send(400, { message: 'Invalid Form Body', code: 50035, errors: { recurrence_rule: { _errors: [{ code: 'INVALID_RECURRENCE_RULE', message: bad }] } } });
        Object.assign(event, body);
        return send(200, strip(event));
      }
      if (method === 'DELETE') {
        this.scheduledEvents.delete(event.id);
        return send(204);
      }
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      this.commands = (body as any[]).map((c) => ({ ...c, id: nextId(), application_id: this.applicationId, version: nextId() }));
      return send(200, this.commands);
    }
    send(404, { message: `stand-in: no route for ${method} ${path}`, code: 0 });
  }
}

/**
 * What Discord refuses in a recurrence rule an application sets (discord-api-docs, guild-scheduled-event,
 * "System limitations"). Frequencies: 0 yearly, 1 monthly, 2 weekly, 3 daily; weekdays 0 Monday … 6 Sunday.
 */
function ruleProblem(r: any): string | undefined {
  if (r === undefined || r === null) return undefined;
  if (r.count != null || r.end != null || r.by_year_day != null) return 'count, end and by_year_day cannot be set by an application';
  if (typeof r.start !== 'string' || ![0, 1, 2, 3].includes(r.frequency)) return 'a rule needs a start and a frequency';
  const used = [r.by_weekday, r.by_n_weekday, r.by_month ?? r.by_month_day].filter((x) => Array.isArray(x) && x.length);
  if (used.length > 1) return 'by_weekday, by_n_weekday and by_month + by_month_day are mutually exclusive';
  if (r.interval !== 1 && !(r.frequency === 2 && r.interval === 2)) return 'interval can be other than 1 (namely 2) only for weekly events';
  if (r.by_weekday?.length && r.frequency !== 2 && r.frequency !== 3) return 'by_weekday is only for daily and weekly events';
  if (r.frequency === 2 && r.by_weekday?.length !== 1) return 'a weekly event recurs on exactly one weekday';
  if (r.by_n_weekday?.length && (r.frequency !== 1 || r.by_n_weekday.length !== 1)) return 'by_n_weekday is for monthly events, with one entry';
  if (r.frequency === 0 && (r.by_month?.length !== 1 || r.by_month_day?.length !== 1)) return 'a yearly event needs one by_month and one by_month_day';
  return undefined;
}

async function parseBody(type: string, raw: Buffer): Promise<{ body: any; files: Call['files'] }> {
  if (!raw.length) return { body: undefined, files: [] };
  if (!type.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
  const files: Call['files'] = [];
  let body: any;
  for (const [key, value] of form.entries()) {
    if (key === 'payload_json') body = JSON.parse(String(value));
    else if (typeof value !== 'string') {
      const bytes = Buffer.from(await value.arrayBuffer());
      files.push({ name: value.name, type: value.type, text: bytes.toString('utf8'), bytes });
    }
  }
  return { body, files };
}
