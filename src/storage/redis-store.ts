// The Redis backend, for several replicas sharing one store. Writes and claims are one Lua script each, which
// also refuses a write that reaches Redis after its `notAfter` (a stalled server resumed by SIGCONT).
import { Keyv } from 'keyv';
import KeyvRedis, { type RedisClientType, createClient } from '@keyv/redis';
import { StoreUnavailableError } from '../core/errors.js';
import { type Backend, deserialize, envelope, liveRows, serialize } from './store.js';

type Client = RedisClientType;

/** KEYS[1] key; ARGV value, ttl ms (0: none), notAfter ms, 'nx' to claim. 1 written, 0 taken, -1 too late. */
const WRITE = `
local t = redis.call('TIME')
if tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) > tonumber(ARGV[3]) then return -1 end
local ttl = tonumber(ARGV[2])
local r
if ARGV[4] == 'nx' then
  if ttl > 0 then r = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ttl) else r = redis.call('SET', KEYS[1], ARGV[1], 'NX') end
else
  if ttl > 0 then r = redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl) else r = redis.call('SET', KEYS[1], ARGV[1]) end
end
if r then return 1 end
return 0`;

export async function openRedisStore(url: string, connectTimeoutMs = 8000): Promise<Backend> {
  // No offline queue: while the connection is down a call fails at once rather than waiting to run all at once
  // when Redis comes back (after the member was told it did not go through).
  const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (n) => Math.min(100 * 2 ** n, 2000) } }) as unknown as Client;
  let lastError: unknown;
  client.on('error', (err) => (lastError = err)); // surfaced by the failing call; the client reconnects by itself
  try {
    await connectOrFail(client, connectTimeoutMs, () => lastError);
  } catch (err) {
    client.destroy();
    throw err;
  }
  return new RedisStore(url, client);
}

/** node-redis retries a first connection forever: give up after `ms` with the last reason. */
async function connectOrFail(client: Client, ms: number, last: () => unknown): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.connect(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const reason = last();
        reject(new Error(`no answer within ${Math.round(ms / 1000)} s${reason instanceof Error ? ` (${reason.message})` : ''}`));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

class RedisStore implements Backend {
  readonly shared = true;
  onCorrupt?: (key: string) => void;
  private readonly keyvs = new Map<string, Keyv>();
  constructor(
    readonly url: string,
    private readonly client: Client,
  ) {}

  /** The key @keyv/redis writes for a Keyv with this namespace: its own prefix, then Keyv's. */
  private key(namespace: string, key: string): string {
    return `${namespace}::${namespace}:${key}`;
  }

  keyv(namespace: string): Keyv {
    let keyv = this.keyvs.get(namespace);
    if (!keyv) {
      const adapter = new KeyvRedis(this.client, { namespace });
      keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true, serialize, deserialize } as never);
      keyv.on('error', () => undefined);
      this.keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  private async write(namespace: string, key: string, value: unknown, ttlMs: number | undefined, notAfter: number, nx: boolean): Promise<number> {
    try {
      const r = await this.client.eval(WRITE, {
        keys: [this.key(namespace, key)],
        arguments: [serialize(envelope(value, ttlMs)), String(ttlMs ?? 0), String(Math.floor(notAfter)), nx ? 'nx' : 'set'],
      });
      return Number(r);
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async claim(namespace: string, key: string, value: unknown, ttlMs?: number, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    const r = await this.write(namespace, key, value, ttlMs, notAfter, true);
    if (r < 0) throw new StoreUnavailableError(new Error('the claim reached Redis too late'));
    return r === 1;
  }

  async put(namespace: string, key: string, value: unknown, ttlMs?: number, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    return (await this.write(namespace, key, value, ttlMs, notAfter, false)) === 1;
  }

  /** Redis expires rows itself (every write with a ttl sets PX): nothing to sweep. */
  async sweep(): Promise<number> {
    return 0;
  }

  async scan(namespace: string, prefix: string): Promise<[string, unknown][]> {
    const base = this.key(namespace, '');
    const pattern = `${base}${prefix}`.replace(/[*?[\]\\]/g, '\\$&') + '*';
    const keys: string[] = [];
    for await (const batch of this.client.scanIterator({ MATCH: pattern, COUNT: 1000 })) keys.push(...(batch as unknown as string[]));
    keys.sort();
    const out: [string, unknown][] = [];
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const values = await this.client.mGet(chunk);
      const rows = chunk.flatMap((k, j) => (values[j] == null ? [] : [{ key: k, value: String(values[j]) }]));
      out.push(...liveRows(rows, base.length, this.onCorrupt));
    }
    return out;
  }

  async clock(): Promise<number> {
    const [s, us] = (await this.client.sendCommand(['TIME'])) as [string, string];
    return Number(s) * 1000 + Math.floor(Number(us) / 1000);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.destroy());
  }
}
