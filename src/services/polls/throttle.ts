// Coalesces live edits of one message: at most one edit per `intervalMs` per key (Discord allows about 5 edits
// a second per message, Slack rate-limits chat.update). Requests that arrive meanwhile collapse into one later
// edit, which renders the state of that moment. `final` cancels what is pending and always runs.
// A failed edit is tried again with backoff (first `retry.firstMs`, doubling up to `retry.maxMs`) until one
// succeeds or `retry.attempts` have failed in a row. The work renders the state of the moment it runs, and one key
// never has two edits in flight, so a retry never puts an older state over a newer one.

type Work = () => Promise<void>;

/** Time, injectable so that tests can move it (backoff needs time). */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};

export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
  /** Failures in a row after which the key's edit is given up (`onGiveUp`). */
  attempts: number;
}

/** 2 s, 4 s, 8 s … 5 min apart; given up after 30 failures in a row (about two hours). */
export const EDIT_RETRY: RetryPolicy = { firstMs: 2_000, maxMs: 300_000, attempts: 30 };

interface Slot {
  last: number;
  running?: Promise<boolean>;
  pending?: Work;
  timer?: unknown;
  /** Failed attempts in a row. */
  failures: number;
}

export interface ThrottleOptions {
  retry?: RetryPolicy;
  timers?: Timers;
  /** Told when a key's edit is given up after `retry.attempts` failures in a row. */
  onGiveUp?: (key: string) => void;
}

export class Throttle {
  private readonly slots = new Map<string, Slot>();
  private readonly retry: RetryPolicy;
  private readonly timers: Timers;

  constructor(
    private readonly intervalMs: number,
    private readonly onError: (err: unknown, key: string, attempt: number) => void,
    private readonly options: ThrottleOptions = {},
  ) {
    this.retry = options.retry ?? EDIT_RETRY;
    this.timers = options.timers ?? realTimers;
  }

  /** Asks for an edit: now if the last one is old enough, else once at the end of the interval. */
  request(key: string, work: Work): void {
    const slot = this.slot(key);
    slot.pending = work;
    this.schedule(key, slot);
  }

  /**
   * Runs the pending edit of every key now (tests, shutdown), retries waiting for their backoff included. A key
   * whose edit fails is tried at most once per flush: its retry stays scheduled.
   */
  async flush(): Promise<void> {
    await Promise.all([...this.slots.entries()].map(async ([key, slot]) => {
      while (slot.running || slot.pending) {
        this.cancelTimer(slot);
        const ok = slot.running ? await slot.running : await this.run(key, slot);
        if (!ok) return;
      }
    }));
  }

  /** Drops what is pending for `key`, waits for a running edit, then runs `work` (the final, exact state). */
  async final(key: string, work: Work): Promise<void> {
    const slot = this.slot(key);
    this.cancelTimer(slot);
    slot.pending = undefined;
    while (slot.running) await slot.running;
    slot.pending = work;
    slot.failures = 0;
    // A failed final edit stays scheduled for its retries; a successful one ends the key.
    if (await this.run(key, slot)) {
      this.cancelTimer(slot);
      this.slots.delete(key);
    }
  }

  /** True while `key` has an edit waiting (for its interval or a retry) or running. */
  busy(key: string): boolean {
    const slot = this.slots.get(key);
    return Boolean(slot && (slot.pending || slot.running));
  }

  stop(): void {
    for (const slot of this.slots.values()) this.cancelTimer(slot);
    this.slots.clear();
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { last: 0, failures: 0 }));
    return slot;
  }

  private cancelTimer(slot: Slot): void {
    if (slot.timer !== undefined) this.timers.clearTimeout(slot.timer);
    slot.timer = undefined;
  }

  private schedule(key: string, slot: Slot): void {
    if (slot.running || slot.timer !== undefined || !slot.pending) return;
    const backoff = slot.failures ? Math.min(this.retry.maxMs, this.retry.firstMs * 2 ** (slot.failures - 1)) : 0;
    const wait = slot.last + Math.max(this.intervalMs, backoff) - this.timers.now();
    if (wait <= 0) void this.run(key, slot);
    else {
      slot.timer = this.timers.setTimeout(() => {
        slot.timer = undefined;
        void this.run(key, slot);
      }, wait);
    }
  }

  /** Runs the pending work; true when it succeeded (or there was none). */
  private async run(key: string, slot: Slot): Promise<boolean> {
    const work = slot.pending;
    if (!work || slot.running) return true;
    slot.pending = undefined;
    slot.last = this.timers.now();
    const running = work().then(
      () => ((slot.failures = 0), true),
      (err: unknown) => {
        slot.failures++;
        this.onError(err, key, slot.failures);
        if (slot.failures >= this.retry.attempts) {
          slot.failures = 0;
          this.options.onGiveUp?.(key);
        } else slot.pending ??= work; // the same work renders the state of the moment it runs again
        return false;
      },
    );
    slot.running = running;
    const ok = await running;
    slot.running = undefined;
    if (this.slots.get(key) === slot) this.schedule(key, slot);
    return ok;
  }
}
