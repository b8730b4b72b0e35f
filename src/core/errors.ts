/**
 * An error whose message is meant for the member: shown privately, as is, never logged as a failure.
 * `id` names the kind of problem (e.g. 'poll.closed') so tests and logs can tell them apart.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

/** Raised when the store cannot be read or written right now (locked, read-only, gone). Nothing was saved. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(cause: unknown) {
    super('the store is unavailable', { cause });
  }
}

const TRANSIENT_STORE_CODES = /^(SQLITE_(BUSY|LOCKED|READONLY|IOERR|CANTOPEN|FULL|PROTOCOL)|ECONNREFUSED|ECONNRESET)/;

/** True for errors that mean "the store is not reachable right now, try again". */
export function isStoreUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_STORE_CODES.test(code);
}
