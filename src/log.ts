// JSON logs on standard error (standard output belongs to the console adapter's replies), or in a file: the
// interactive console writes them to data/bot.log (BOT_LOG_FILE) so that no warning lands in the middle of the prompt.
// Privacy: at info level, logs name commands, platforms and user ids, never message text.
import { pino, type Logger } from 'pino';

export function createLogger(level: string, file?: string): Logger {
  return pino(
    {
      level,
      base: { app: 'niapp-bot' },
      redact: { paths: ['text', '*.text', 'question', '*.question', 'token', '*.token'], censor: '[redacted]' },
    },
    file ? pino.destination({ dest: file, mkdir: true, sync: true }) : pino.destination({ fd: 2, sync: true }),
  );
}

export type { Logger };
