/**
 * At most `max` tasks run at once; the rest wait their turn in order. The registry runs handlers through one
 * of these so that a burst of clicks cannot fill the event loop with handler work and starve the platform
 * acknowledgements (Slack's 3 s, Discord's defer) that must still go out on time.
 */
export class Limit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // hand the slot straight over
      else this.running--;
    }
  }
}
