// The crisis safety net as a service: the raw-text guard the registry runs on every command, click and form
// before anything parses or stores the words, and the daily count leadership sees.
import type { Logger } from 'pino';
import type { Surface } from '../../core/context.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import { CrisisCounter, type DayCount } from './counter.js';
import { detect } from './detector.js';
import { crisisMessage } from './messages.js';

export { detect, isCrisis, withoutCrisis, type Verdict } from './detector.js';
export { CRISIS_LINES, REMINDER, crisisMessage } from './messages.js';

export class CrisisService {
  private readonly counter: CrisisCounter;

  constructor(private readonly deps: { store: Store; clock: Clock; log: Logger; zone: string }) {
    this.counter = new CrisisCounter(deps.store, deps.clock, deps.zone);
    // The first call compiles every pattern (a few hundred ms on a busy machine): pay it at start-up, not while a
    // member waits (Discord's 3-second answer window).
    detect('warm up the crisis patterns');
  }

  /**
   * The registry's raw-text guard. On crisis language it answers the member privately (first, before anything
   * else), counts the day, and returns true: the caller then keeps nothing of the words. Never throws, never logs
   * the words.
   */
  readonly screen = async (text: string, surface: Pick<Surface, 'ephemeral'>): Promise<boolean> => {
    const verdict = detect(text);
    if (!verdict.crisis) return false;
    try {
      await surface.ephemeral(crisisMessage(verdict));
    } catch (err) {
      this.deps.log.error({ err: { name: (err as Error)?.name } }, 'could not send the crisis message');
    }
    // No log line here: a line next to the registry's "handled … user" would tell a log reader who it was.
    await this.counter.add().catch((err: unknown) => this.deps.log.warn({ err: { name: (err as Error)?.name } }, 'could not count a crisis answer'));
    return true;
  };

  /** Crisis answers per day for the last `days` days (America/Chicago days, oldest first). Numbers only. */
  daily(days: number): Promise<DayCount[]> {
    return this.counter.daily(days);
  }
}
