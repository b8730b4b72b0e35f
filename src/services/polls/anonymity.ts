// Anonymity: an anonymous vote is filed under HMAC-SHA256(per-poll secret salt, person key), never the
// member's id. The salt is deleted when the poll closes; from then on nobody — not the creator, not whoever
// holds the database — can recompute which member a vote record belongs to.
import { createHmac, randomBytes } from 'node:crypto';

/** 32 random bytes, hex: the per-poll secret of an anonymous poll. */
export const newSalt = (): string => randomBytes(32).toString('hex');

/** The key a vote is stored under: the person key itself for public polls, its salted HMAC otherwise. */
export function voterKey(person: string, salt: string | undefined): string {
  if (salt === undefined) return person;
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(person).digest('hex');
}

/** Anonymous votes keep only the hour they were cast: minutes and seconds could be matched against logs. */
export function coarseTime(at: Date, anonymous: boolean): string {
  if (!anonymous) return at.toISOString();
  const hour = new Date(at);
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString();
}
