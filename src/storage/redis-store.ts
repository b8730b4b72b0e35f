// The Redis backend, for several replicas sharing one store. Writes and claims are one Lua script each, which
// also refuses a write that reaches Redis after its `notAfter` (a stalled server resumed by SIGCONT).
import { Keyv } from 'keyv';
import KeyvRedis, { type RedisClientType, createClient } from '@keyv/redis';
import { StoreUnavailableError } from '../core/errors.js';
import { type Backend, type IndexQuery, type RangeQuery, deserialize, envelope, liveRows, serialize } from './store.js';

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

/**
 * An ordered index is a hash (id → group) and one sorted set per group. KEYS[1] the hash, KEYS[2] the group's
 * set; ARGV id, group, score, '1' to write only when absent, notAfter ms. Moving between groups is one script.
 */
const INDEX_PUT = `
local t = redis.call('TIME')
if tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) > tonumber(ARGV[5]) then return 0 end
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old and ARGV[4] == '1' then return 0 end
if old and old ~= ARGV[2] then redis.call('ZREM', KEYS[1] .. ':' .. old, ARGV[1]) end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;
const INDEX_REMOVE = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  redis.call('ZREM', KEYS[1] .. ':' .. old, ARGV[1])
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return 1`;
const bound = (n: number | undefined, inf: string) => (n === undefined ? inf : String(n));

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
    const keys = await this.keysOf(namespace, prefix);
    const out: [string, unknown][] = [];
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const values = await this.client.mGet(chunk);
      const rows = chunk.flatMap((k, j) => (values[j] == null ? [] : [{ key: k, value: String(values[j]) }]));
      out.push(...liveRows(rows, base.length, this.onCorrupt));
    }
    return out;
  }

  /** Keys of a namespace with `prefix`, sorted (Redis keeps no order: this walks the key space, not the values). */
  private async keysOf(namespace: string, prefix: string): Promise<string[]> {
    const pattern = `${this.key(namespace, '')}${prefix}`.replace(/[*?[\]\\]/g, '\\$&') + '*';
    const keys: string[] = [];
    for await (const batch of this.client.scanIterator({ MATCH: pattern, COUNT: 1000 })) keys.push(...(batch as unknown as string[]));
    return keys.sort();
  }

  async range(namespace: string, q: RangeQuery): Promise<[string, unknown][]> {
    const base = this.key(namespace, '');
    let keys = await this.keysOf(namespace, q.prefix ?? '');
    if (q.after !== undefined) keys = keys.filter((k) => k > base + q.after);
    if (q.before !== undefined) keys = keys.filter((k) => k < base + q.before);
    if (q.reverse) keys.reverse();
    keys = keys.slice(0, q.limit);
    if (!keys.length) return [];
    const values = await this.client.mGet(keys);
    return liveRows(keys.flatMap((k, j) => (values[j] == null ? [] : [{ key: k, value: String(values[j]) }])), base.length, this.onCorrupt);
  }

  async count(namespace: string, prefix: string): Promise<number> {
    return (await this.keysOf(namespace, prefix)).length;
  }

  async indexPut(index: string, id: string, group: string, score: number, ifAbsent: boolean, notAfter = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    try {
      const r = await this.client.eval(INDEX_PUT, { keys: [`idx:${index}`, `idx:${index}:${group}`], arguments: [id, group, String(score), ifAbsent ? '1' : '0', String(Math.floor(notAfter))] });
      return Number(r) === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async indexRemove(index: string, id: string): Promise<void> {
    await this.client.eval(INDEX_REMOVE, { keys: [`idx:${index}`], arguments: [id] });
  }

  async indexPage(index: string, group: string, q: IndexQuery): Promise<string[]> {
    const [lo, hi] = [bound(q.min, '-inf'), bound(q.max, '+inf')];
    const args = q.reverse ? [hi, lo, 'BYSCORE', 'REV'] : [lo, hi, 'BYSCORE'];
    return (await this.client.sendCommand(['ZRANGE', `idx:${index}:${group}`, ...args, 'LIMIT', String(q.offset ?? 0), String(q.limit)])) as string[];
  }

  async indexCount(index: string, group: string, q: Pick<IndexQuery, 'min' | 'max'> = {}): Promise<number> {
    return Number(await this.client.sendCommand(['ZCOUNT', `idx:${index}:${group}`, bound(q.min, '-inf'), bound(q.max, '+inf')]));
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
