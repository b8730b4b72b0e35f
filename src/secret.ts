// The bot secret: anonymous ballots are sealed under keys derived from it (src/services/polls/anonymity.ts).
// It must live outside the database, so that a copy of the database alone cannot open a ballot. It comes from
// BOT_SECRET, else from the file BOT_SECRET_FILE (data/bot-secret, git-ignored), which is created on first start.
// Losing it is survivable: see docs/THREAT-MODEL.md ("If the secret is lost").
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretSource {
  BOT_SECRET?: string;
  BOT_SECRET_FILE: string;
}

/** The secret, and whether it was just created (the caller says so on the console). */
export function loadSecret(config: SecretSource): { secret: string; created: boolean } {
  if (config.BOT_SECRET) return { secret: config.BOT_SECRET, created: false };
  const file = config.BOT_SECRET_FILE;
  const existing = read(file);
  if (existing) return { secret: existing, created: false };
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': two processes starting together cannot both create it; the loser reads the winner's.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    return { secret: read(file)!, created: true };
  } catch (err) {
    const again = (err as NodeJS.ErrnoException).code === 'EEXIST' ? read(file) : undefined;
    if (again) return { secret: again, created: false };
    throw new Error(`BOT_SECRET_FILE: could not create ${file} (${(err as Error).message}); set BOT_SECRET instead`);
  }
}

function read(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    if (text.length >= 32) return text;
    if (text.length) throw new Error(`BOT_SECRET_FILE: ${file} holds fewer than 32 characters; delete it to have a new one made`);
    return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
