// The last line of defence. A promise rejected with nobody listening (a library's background task, a bug in a
// fire-and-forget call) is logged with a reference id and the bot keeps serving: the failed task is over, and
// everything else — each request with its own error boundary — is unaffected. An exception thrown out of a
// callback is different: it unwound a stack in the middle of something, and what state it left behind is
// unknown. That is logged with a reference id and the process exits (code 70) for its supervisor (Docker's
// restart policy, systemd) to start a clean one; acknowledged work is already saved (ack-after-save).
import type { Logger } from 'pino';
import { referenceId } from './core/registry.js';

export const UNKNOWN_STATE_EXIT_CODE = 70;

export function guardProcess(log: Logger): void {
  process.on('unhandledRejection', (err) => {
    log.error({ ref: referenceId(), err }, 'unhandled rejection; still serving');
  });
  process.on('uncaughtException', (err) => {
    log.fatal({ ref: referenceId(), err }, 'uncaught exception; exiting for the supervisor to restart the bot');
    process.exit(UNKNOWN_STATE_EXIT_CODE);
  });
}
