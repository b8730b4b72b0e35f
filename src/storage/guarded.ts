// Every store call with a time limit, and outages reported the way an operator wants them: one error line when
// the store stops answering, one line when it is back, nothing in between. A call that times out fails with
// StoreUnavailableError (members hear "try again in a minute"), and the write it started carries a `notAfter`
// so that the store refuses it if it only arrives later (a stalled Redis, a locked sqlite file): what the bot
// reported as not saved is never saved behind its back.
import type { Logger } from 'pino';
import { DeadlineError, currentDeadline } from '../core/deadline.js';
import { StoreUnavailableError, isStoreUnavailable } from '../core/errors.js';
import { type Backend, type IndexQuery, type RangeQuery, type Store, type StoreOptions, STORE_TIMEOUT_MS, maskUrl } from './store.js';

/**
 * A write refused by `notAfter` must be refused before the bot gives up waiting for it; this much earlier
 * (it covers the reply's way back and sqlite's busy wait, see sqlite-store.ts).
 */
export const LATE_WRITE_MARGIN_MS = 700;
/** /healthz and the outage monitor give a ping this long. */
export const PING_TIMEOUT_MS = 1500;

class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
}

/** Opens a store, failing after `ms` with a message that names the store (password masked). */
export async function openWithin(url: string, ms: number, open: () => Promise<Backend>): Promise<Backend> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store at ${maskUrl(url)} did not answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  const opening = open();
  try {
    return await Promise.race([opening, late]);
  } catch (err) {
    void opening.then((s) => s.close()).catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(reason.includes(maskUrl(url)) ? reason : `could not open the store at ${maskUrl(url)}: ${reason.replaceAll(url, maskUrl(url))}`);
  } finally {
    clearTimeout(timer);
  }
}

export function guardStore(inner: Backend, options: StoreOptions = {}): Store {
  return new GuardedStore(inner, options.timeoutMs ?? STORE_TIMEOUT_MS, options.log);
}

class GuardedStore implements Store {
  private down: { since: number } | undefined;
  corrupt = 0;
  /**
   * The store's clock minus the bot's, measured at open and at each ping: `notAfter` is checked by the store
   * against its own clock, so a skewed server clock (or a bot with an injected clock) must not refuse every write.
   */
  private skew = 0;
  constructor(
    private readonly inner: Backend,
    private readonly timeoutMs: number,
    private readonly log: Logger | undefined,
  ) {
    inner.onCorrupt = (key) => this.reportCorrupt(key);
  }

  get url() {
    return this.inner.url;
  }
  get shared() {
    return this.inner.shared;
  }
  keyv(namespace: string) {
    return this.inner.keyv(namespace);
  }

  readonly onCorrupt = (key: string): void => this.reportCorrupt(key);

  private reportCorrupt(key: string): void {
    this.corrupt++;
    this.log?.warn({ key, corrupt: this.corrupt }, 'skipped a stored row that is not valid JSON');
  }

  async call<R>(what: string, op: (notAfter: number) => Promise<R>): Promise<R> {
    const deadline = currentDeadline();
    const now = Date.now();
    if (deadline?.expired || (deadline && deadline.at <= now)) throw new DeadlineError(what); // the member hears "busy, try again"
    const byDeadline = deadline !== undefined && deadline.at - now < this.timeoutMs;
    const limit = byDeadline ? deadline.at - now : this.timeoutMs;
    const notAfter = now + this.skew + limit - LATE_WRITE_MARGIN_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeoutError(`${what} took longer than ${limit} ms`)), limit);
    });
    const running = op(notAfter);
    running.catch(() => undefined);
    try {
      const result = await Promise.race([running, timeout]);
      this.recovered();
      return result;
    } catch (err) {
      // Cut short by the interaction's deadline rather than the store's limit: the bot was busy, not the store.
      if (err instanceof StoreTimeoutError && byDeadline) throw new DeadlineError(what);
      if (err instanceof StoreTimeoutError || isStoreUnavailable(err) || isStoreUnavailable((err as { cause?: unknown })?.cause)) {
        this.failed(err);
        throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
      }
      this.recovered(); // the store answered, with an error of another kind
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private failed(err: unknown): void {
    if (this.down) return;
    this.down = { since: Date.now() };
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    this.log?.error({ store: maskUrl(this.url), reason }, 'store not answering: members are asked to try again until it is back');
  }

  private recovered(): void {
    if (!this.down) return;
    const ms = Date.now() - this.down.since;
    this.down = undefined;
    this.log?.info({ store: maskUrl(this.url), downMs: ms }, 'store answering again');
  }

  /** A write counts for the deadline of the interaction it belongs to (the adapter may then acknowledge). */
  private async write<R>(what: string, op: (notAfter: number) => Promise<R>, landed: (r: R) => boolean): Promise<R> {
    const result = await this.call(what, op);
    const deadline = currentDeadline();
    if (deadline && landed(result) && !deadline.wrote) {
      deadline.wrote = true;
      deadline.onWrite?.();
    }
    return result;
  }

  /** Claims do not count as the interaction's write: the Slack adapter's delivery dedupe is one. */
  async claim(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    return this.call('claim', (notAfter) => this.inner.claim(namespace, key, value, ttlMs, notAfter));
  }

  async put(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    const landed = await this.write('write', (notAfter) => this.inner.put(namespace, key, value, ttlMs, notAfter), (ok) => ok);
    if (!landed) {
      const err = new StoreUnavailableError(new StoreTimeoutError('the store refused a write that arrived too late'));
      this.failed(err);
      throw err;
    }
    return true;
  }

  scan(namespace: string, prefix: string): Promise<[string, unknown][]> {
    return this.call('scan', () => this.inner.scan(namespace, prefix));
  }

  range(namespace: string, q: RangeQuery): Promise<[string, unknown][]> {
    return this.call('scan', () => this.inner.range(namespace, q));
  }

  count(namespace: string, prefix: string): Promise<number> {
    return this.call('count', () => this.inner.count(namespace, prefix));
  }

  /** Index rows are not the interaction's write (their record is); they carry the same `notAfter` guard. */
  indexPut(index: string, id: string, group: string, score: number, ifAbsent: boolean, notAfter?: number): Promise<boolean> {
    return notAfter === undefined
      ? this.call('index write', (n) => this.inner.indexPut(index, id, group, score, ifAbsent, n))
      : this.inner.indexPut(index, id, group, score, ifAbsent, notAfter);
  }

  indexRemove(index: string, id: string): Promise<void> {
    return this.inner.indexRemove(index, id);
  }

  indexPage(index: string, group: string, q: IndexQuery): Promise<string[]> {
    return this.inner.indexPage(index, group, q);
  }

  indexCount(index: string, group: string, q?: Pick<IndexQuery, 'min' | 'max'>): Promise<number> {
    return this.inner.indexCount(index, group, q);
  }

  sweep(): Promise<number> {
    return this.call('sweep', () => this.inner.sweep());
  }

  /** The store's clock, and the skew between it and the bot's (half the round trip is counted as the bot's). */
  async clock(): Promise<number> {
    const before = Date.now();
    const at = await this.call('clock', () => this.inner.clock());
    this.skew = at - (before + Date.now()) / 2;
    return at;
  }

  /** False when the store does not answer within PING_TIMEOUT_MS (also ends or starts an outage). */
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      this.inner.ping(),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), Math.min(PING_TIMEOUT_MS, this.timeoutMs)))),
    ]);
    clearTimeout(timer);
    if (ok) {
      this.recovered();
      await this.clock().catch(() => undefined);
    }
    else this.failed(new StoreTimeoutError('ping unanswered'));
    return ok;
  }

  /** Not time-limited: it makes deleted secrets unrecoverable from the files, and must run to its end. */
  async scrub(): Promise<void> {
    await this.inner.scrub?.();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
