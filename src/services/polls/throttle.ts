// Coalesces live edits of one message: at most one edit per `intervalMs` per key (Discord allows about 5 edits
// a second per message, Slack rate-limits chat.update). Requests that arrive meanwhile collapse into one later
// edit, which renders the state of that moment. `final` cancels what is pending and always runs.

type Work = () => Promise<void>;

interface Slot {
  last: number;
  running?: Promise<void>;
  pending?: Work;
  timer?: NodeJS.Timeout;
}

export class Throttle {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly intervalMs: number,
    private readonly onError: (err: unknown, key: string) => void,
  ) {}

  /** Asks for an edit: now if the last one is old enough, else once at the end of the interval. */
  request(key: string, work: Work): void {
    const slot = this.slot(key);
    slot.pending = work;
    this.schedule(key, slot);
  }

  /** Runs the pending edit of every key now (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.slots.entries()].map(async ([key, slot]) => {
      while (slot.running || slot.pending) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = undefined;
        if (slot.running) await slot.running;
        else await this.run(key, slot);
      }
    }));
  }

  /** Drops what is pending for `key`, waits for a running edit, then runs `work` (the final, exact state). */
  async final(key: string, work: Work): Promise<void> {
    const slot = this.slot(key);
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.pending = undefined;
    while (slot.running) await slot.running;
    slot.pending = work;
    await this.run(key, slot);
    if (slot.timer) clearTimeout(slot.timer);
    this.slots.delete(key);
  }

  stop(): void {
    for (const slot of this.slots.values()) if (slot.timer) clearTimeout(slot.timer);
    this.slots.clear();
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { last: 0 }));
    return slot;
  }

  private schedule(key: string, slot: Slot): void {
    if (slot.running || slot.timer || !slot.pending) return;
    const wait = slot.last + this.intervalMs - Date.now();
    if (wait <= 0) void this.run(key, slot);
    else {
      slot.timer = setTimeout(() => {
        slot.timer = undefined;
        void this.run(key, slot);
      }, wait);
      slot.timer.unref?.();
    }
  }

  private async run(key: string, slot: Slot): Promise<void> {
    const work = slot.pending;
    if (!work || slot.running) return;
    slot.pending = undefined;
    slot.last = Date.now();
    const running = work().catch((err: unknown) => this.onError(err, key));
    slot.running = running;
    await running;
    slot.running = undefined;
    this.schedule(key, slot);
  }
}
