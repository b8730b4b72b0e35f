// Expired rows (Slack delivery ids, one-time claims, sign-in sessions) are deleted from the store every
// SWEEP_EVERY_MS, and once at start. Redis expires them itself; sqlite and PostgreSQL need this.
import type { Logger } from 'pino';
import type { Store } from './store.js';

export const SWEEP_EVERY_MS = 60 * 60_000;

export function startSweeper(store: Store, log: Logger, everyMs = SWEEP_EVERY_MS): NodeJS.Timeout {
  const sweep = () =>
    store.sweep().then(
      (n) => n && log.info({ deleted: n }, 'swept expired rows'),
      (err: unknown) => log.warn({ err }, 'could not sweep expired rows; trying again later'),
    );
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return timer;
}
