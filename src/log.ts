// JSON logs on standard error (standard output belongs to the console adapter's replies), or in a file: the
// interactive console writes them to data/bot.log (BOT_LOG_FILE) so that no warning lands in the middle of the prompt.
// Privacy: logs name commands, platforms and user ids, never message text, at any level. Fields that carry text
// are redacted; and every message string (our own, Bolt's, the Slack WebClient's, Socket Mode's, which at debug
// level print whole request bodies) loses any payload it carries, so no member's words reach the log.
import { pino, type Logger } from 'pino';

const TEXT_FIELDS = ['text', 'question', 'comment', 'details', 'body', 'payload', 'values', 'value', 'blocks', 'view', 'token'];

/** A log message without payloads: anything from the first `{` or `[` (JSON bodies) or `text=`/`payload=` (forms). */
export function scrub(message: string): string {
  const cut = message.search(/[{[]|\b(?:text|payload|command|response_url|blocks|view)=/);
  return cut === -1 ? message : `${message.slice(0, cut)}[payload omitted]`;
}

/** The bot's logger; `destination`: a file path, or a stream (tests read what would be written); default standard error. */
export function createLogger(level: string, destination?: string | pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'niapp-bot' },
      redact: { paths: TEXT_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    typeof destination === 'string' ? pino.destination({ dest: destination, mkdir: true, sync: true }) : (destination ?? pino.destination({ fd: 2, sync: true })),
  );
}

export type { Logger };
