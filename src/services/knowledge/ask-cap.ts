// The cap on unanswered questions kept per member: at most ASK_CAP in one fixed window of ASK_WINDOW_MS. A member
// over the cap still gets the "not sure" answer; only the question is not kept. The count lives in one row per
// member and window whose key is an HMAC of (window, platform, member id) under a key derived from the bot secret
// (kept outside the store), and whose value is only a number. The row expires at the window's end — a fixed moment,
// so its expiry does not tell when the member last asked — and the key changes with the window, so counts of two
// windows cannot be joined. Nothing links a member (or a hash the store could recompute) to a question.
// Not promised: a counter is written next to the question it counts, so the order of writes in the files (row
// order, -wal frames) can group the questions of one unnamed member within a window; someone holding both the
// database and the bot secret could recompute counter keys and name that member — the same trust the secret
// already carries for open polls' ballots (docs/THREAT-MODEL.md).
import { createHmac, hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';

/** At most this many unanswered questions of one member are kept per window. */
export const ASK_CAP = 20;
/** The window: 30 days, counted from the epoch (fixed windows, not sliding: a fixed expiry leaks no time). */
export const ASK_WINDOW_MS = 30 * 24 * 3600 * 1000;

export interface Asker {
  platform: string;
  id: string;
}

export class AskCap {
  private readonly counts: Repo<number>;
  private readonly key: Buffer;
  /** Checks of one counter run one after the other in this process (a member's burst cannot overshoot). */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(store: Store, secret: string) {
    this.counts = new Repo(store, 'cert-ask-count', z.number().int().nonnegative());
    this.key = Buffer.from(hkdfSync('sha256', secret, 'niapp-ask-cap', 'counter key', 32));
  }

  /** Counts one kept question for `asker` at `now`; false (nothing counted) when the member is at the cap. */
  take(asker: Asker, now: Date): Promise<boolean> {
    const window = Math.floor(now.getTime() / ASK_WINDOW_MS);
    const id = createHmac('sha256', this.key).update(`${window}\u0000${asker.platform}\u0000${asker.id}`).digest('base64url');
    const run = (this.chains.get(id) ?? Promise.resolve()).catch(() => undefined).then(async () => {
      const used = (await this.counts.get(id)) ?? 0;
      if (used >= ASK_CAP) return false;
      await this.counts.set(id, used + 1, (window + 1) * ASK_WINDOW_MS - now.getTime());
      return true;
    });
    this.chains.set(id, run);
    void run.finally(() => this.chains.get(id) === run && this.chains.delete(id)).catch(() => undefined);
    return run;
  }
}
