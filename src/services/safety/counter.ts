// The leadership signal: how many crisis answers the bot gave per day (America/Chicago). A number per day and
// nothing else: no text, no member, no platform, no time of day. One record per day, updated in place.
import { z } from 'zod';
import type { Store } from '../../storage/store.js';
import { Repo } from '../../storage/repo.js';
import type { Clock } from '../clock.js';

const record = z.object({ count: z.number().int().min(0) });
const KEEP_MS = 400 * 24 * 3600 * 1000;

export interface DayCount {
  day: string;
  count: number;
}

export class CrisisCounter {
  private readonly repo: Repo<z.infer<typeof record>>;
  /** Increments run one after another in this process (the store has no atomic increment). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly zone: string,
  ) {
    this.repo = new Repo(store, 'crisis-daily', record);
  }

  /** Counts one crisis answer today. */
  add(): Promise<void> {
    const day = dayIn(this.clock.now(), this.zone);
    const next = this.queue.then(async () => {
      const now = (await this.repo.get(day))?.count ?? 0;
      await this.repo.set(day, { count: now + 1 }, KEEP_MS);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The last `days` days, oldest first, today included; days without crisis answers count 0. */
  async daily(days: number): Promise<DayCount[]> {
    const n = Math.max(1, Math.min(400, Math.floor(days)));
    const [y, m, d] = dayIn(this.clock.now(), this.zone).split('-').map(Number) as [number, number, number];
    const list = Array.from({ length: n }, (_, i) => new Date(Date.UTC(y, m - 1, d - (n - 1 - i))).toISOString().slice(0, 10));
    return Promise.all(list.map(async (day) => ({ day, count: (await this.repo.get(day))?.count ?? 0 })));
  }
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export const dayIn = (at: Date, zone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
