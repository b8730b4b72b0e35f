// JSON logs on standard error (standard output belongs to the console adapter's replies).
// Privacy: at info level, logs name commands, platforms and user ids, never message text.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { app: 'niapp-bot' },
      redact: { paths: ['text', '*.text', 'question', '*.question', 'token', '*.token'], censor: '[redacted]' },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

export type { Logger };
