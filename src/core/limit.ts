import { DeadlineError, currentDeadline } from './deadline.js';

/**
 * At most `max` tasks run at once; the rest wait their turn in order. The registry runs handlers through one
 * of these so that a burst of clicks cannot fill the event loop with handler work and starve the platform
 * acknowledgements (Slack's 3 s, Discord's defer) that must still go out on time. A task with a deadline
 * (core/deadline.ts) that passes while it waits is dropped with DeadlineError: it never starts.
 */
export class Limit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await this.turn();
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // hand the slot straight over
      else this.running--;
    }
  }

  private turn(): Promise<void> {
    const deadline = currentDeadline();
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const go = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiting.push(go);
      if (!deadline) return;
      timer = setTimeout(() => {
        const i = this.waiting.indexOf(go);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        reject(new DeadlineError('still waiting for a free handler'));
      }, Math.max(0, deadline.at - Date.now()));
    });
  }
}
