// The Redis backend, for several replicas sharing one store. Claims are `SET key value NX PX ttl`.
import { Keyv } from 'keyv';
import KeyvRedis, { type RedisClientType, createClient } from '@keyv/redis';
import { StoreUnavailableError } from '../core/errors.js';
import { type Store, deserialize, envelope, isLive, serialize } from './store.js';

type Client = RedisClientType;

export async function openRedisStore(url: string): Promise<Store> {
  const client = createClient({ url, socket: { connectTimeout: 5000 } }) as unknown as Client;
  client.on('error', () => undefined); // surfaced by the failing call; the client reconnects by itself
  await client.connect();
  return new RedisStore(url, client);
}

class RedisStore implements Store {
  readonly shared = true;
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

  async claim(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    try {
      const ok = await this.client.set(this.key(namespace, key), serialize(envelope(value, ttlMs)), ttlMs ? { NX: true, PX: ttlMs } : { NX: true });
      return ok === 'OK';
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
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
      chunk.forEach((k, j) => {
        const raw = values[j];
        if (raw == null) return;
        const data = deserialize(String(raw));
        if (isLive(data)) out.push([k.slice(base.length), data.value]);
      });
    }
    return out;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}
