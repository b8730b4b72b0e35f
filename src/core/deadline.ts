// A deadline for one interaction, carried implicitly (AsyncLocalStorage) from the adapter that received it to
// every store call its handler makes. Slack wants its answer within 3 s: a click is acknowledged only once its
// effect is saved, so the store must give up (and refuse to write late) before that moment, and a handler still
// waiting for its turn at the deadline must not start at all.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Deadline {
  /** Epoch ms after which nothing may be written on this interaction's behalf. */
  readonly at: number;
  /** Set by the store when a write of this interaction succeeded (and `onWrite` called, once). */
  wrote: boolean;
  onWrite?: () => void;
  /** Set by the adapter when it gave up: later store calls of this interaction are refused. */
  expired: boolean;
}

const scope = new AsyncLocalStorage<Deadline>();

/** Runs `work` with a deadline at epoch ms `at`. */
export function withDeadline<T>(at: number, work: (d: Deadline) => Promise<T>): Promise<T> {
  const d: Deadline = { at, wrote: false, expired: false };
  return scope.run(d, () => work(d));
}

/** The deadline of the interaction being handled, if it has one. */
export const currentDeadline = (): Deadline | undefined => scope.getStore();

/** Raised when an interaction's deadline passed before its work could be done. Nothing was saved. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor(what: string) {
    super(`deadline passed: ${what}`);
  }
}

/**
 * Runs `work` with a deadline no later than `at` (epoch ms), inside the current interaction's own: the
 * interaction still hears of the first write (it may acknowledge then) and still cuts the work short when it
 * gives up. A shared store uses this to bound when a write decided on an earlier read may land.
 */
export function within<T>(at: number, work: () => Promise<T>): Promise<T> {
  const outer = scope.getStore();
  const d: Deadline = {
    at: Math.min(at, outer?.at ?? Number.POSITIVE_INFINITY),
    get wrote() {
      return outer?.wrote ?? false;
    },
    set wrote(v: boolean) {
      if (outer) outer.wrote = v;
    },
    get onWrite() {
      return outer?.onWrite;
    },
    get expired() {
      return outer?.expired ?? false;
    },
    set expired(v: boolean) {
      if (outer) outer.expired = v;
    },
  };
  return scope.run(d, work);
}

/** Runs `work` outside any interaction's deadline: background work an interaction started (e.g. a tally edit). */
export const withoutDeadline = <T>(work: () => T): T => scope.exit(work);
