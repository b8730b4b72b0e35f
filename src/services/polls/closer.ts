// Closes polls at their deadline. Deadlines are read back from the store on start, so a restart re-arms them
// (and closes at once any poll whose deadline passed while the bot was down). One timer for the nearest
// deadline, never longer than a minute, so a moved clock or a long sleep is noticed soon. With a store shared by
// several replicas, every tick reads the deadlines again (polls created elsewhere); the final results are posted
// once whichever replica closes first (a claim in PollService.close).
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Lifecycle } from '../index.js';

const MAX_WAIT_MS = 60_000;

export interface CloserDeps {
  clock: Clock;
  log: Logger;
  /** Open polls that have a deadline. */
  deadlines(): Promise<{ id: string; closesAt: string }[]>;
  close(id: string): Promise<void>;
  /** True with a store shared by several replicas: deadlines are re-read from it on every tick. */
  shared?: boolean;
}

export class Closer implements Lifecycle {
  private readonly due = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private ticking?: Promise<void>;

  constructor(private readonly deps: CloserDeps) {}

  async start(): Promise<void> {
    for (const { id, closesAt } of await this.deps.deadlines()) this.due.set(id, Date.parse(closesAt));
    this.running = true;
    await this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  watch(id: string, closesAt: string): void {
    this.due.set(id, Date.parse(closesAt));
    this.arm();
  }

  /** How many deadlines are being watched. */
  pending(): number {
    return this.due.size;
  }

  forget(id: string): void {
    this.due.delete(id);
  }

  /** Closes every poll whose deadline has passed by the clock's now. */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      await null; // so that `ticking` is assigned before the finally below clears it
      try {
        if (this.deps.shared) for (const { id, closesAt } of await this.deps.deadlines()) this.due.set(id, Date.parse(closesAt));
        const now = this.deps.clock.now().getTime();
        for (const [id, at] of [...this.due]) {
          if (at > now) continue;
          this.due.delete(id);
          await this.deps.close(id).catch((err: unknown) => {
            this.deps.log.error({ err, poll: id }, 'could not close a poll at its deadline; will retry');
            this.due.set(id, now + MAX_WAIT_MS);
          });
        }
      } finally {
        this.ticking = undefined;
        this.arm();
      }
    })();
    return this.ticking;
  }

  private arm(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const next = Math.min(...this.due.values(), this.deps.shared ? this.deps.clock.now().getTime() + MAX_WAIT_MS : Infinity);
    if (!Number.isFinite(next)) return void (this.timer = undefined);
    const wait = Math.max(0, Math.min(MAX_WAIT_MS, next - this.deps.clock.now().getTime()));
    this.timer = setTimeout(() => void this.tick(), wait);
    this.timer.unref?.();
  }
}
