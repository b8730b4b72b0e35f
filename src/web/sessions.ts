// Sign-in without new accounts: `/niapp dashboard` asks for a one-time link (10 minutes, usable once) that opens
// an 8-hour session. Links and sessions live in the store (replicas share them) under the SHA-256 of their
// secret, so whoever reads the database cannot use them. Leadership is asked again at least every 5 minutes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Platform } from '../core/message.js';
import type { Clock } from '../services/clock.js';
import { Repo } from '../storage/repo.js';
import type { Store } from '../storage/store.js';

export const LINK_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 8 * 3_600_000;
export const RECHECK_MS = 5 * 60_000;

const platform = z.enum(['slack', 'discord', 'console']);
const userSchema = z.object({ platform, id: z.string().min(1), name: z.string() });
export type DashboardUser = z.infer<typeof userSchema>;

const linkSchema = z.object({ user: userSchema, expiresAt: z.iso.datetime() });
const sessionSchema = z.object({
  user: userSchema,
  expiresAt: z.iso.datetime(),
  /** When leadership was last confirmed by the user's platform. */
  checkedAt: z.iso.datetime(),
  csrf: z.string().min(20),
  /** A one-shot notice shown on the next page (the result of the last action). */
  flash: z.object({ text: z.string(), ok: z.boolean() }).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

const secret = () => randomBytes(32).toString('base64url');
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

export class Sessions {
  private readonly links: Repo<z.infer<typeof linkSchema>>;
  private readonly sessions: Repo<Session>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.links = new Repo(store, 'dashboard-links', linkSchema);
    this.sessions = new Repo(store, 'dashboard-sessions', sessionSchema);
  }

  /** A new one-time sign-in token for a leader. */
  async issueLink(user: DashboardUser): Promise<string> {
    const token = secret();
    await this.links.set(hash(token), { user, expiresAt: new Date(this.clock.now().getTime() + LINK_TTL_MS).toISOString() }, LINK_TTL_MS);
    return token;
  }

  /** Whether a token is (still) usable, without using it. */
  async peek(token: string): Promise<DashboardUser | undefined> {
    if (!/^[\w-]{43}$/.test(token)) return undefined;
    const link = await this.links.get(hash(token));
    return link && link.expiresAt > this.clock.now().toISOString() ? link.user : undefined;
  }

  /** Uses a token: exactly one caller (across replicas) gets a session; expired or used tokens get none. */
  async redeem(token: string): Promise<{ id: string; session: Session } | undefined> {
    const user = await this.peek(token);
    if (!user) return undefined;
    if (!(await this.store.claim('dashboard-links-used', hash(token), 1, LINK_TTL_MS))) return undefined;
    await this.links.delete(hash(token));
    const now = this.clock.now();
    const id = secret();
    const session: Session = { user, expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(), checkedAt: now.toISOString(), csrf: secret() };
    await this.sessions.set(hash(id), session, SESSION_TTL_MS);
    return { id, session };
  }

  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id || !/^[\w-]{43}$/.test(id)) return undefined;
    const s = await this.sessions.get(hash(id));
    return s && s.expiresAt > this.clock.now().toISOString() ? s : undefined;
  }

  /** Writes a changed session back, keeping its original expiry. */
  async save(id: string, session: Session): Promise<void> {
    const left = new Date(session.expiresAt).getTime() - this.clock.now().getTime();
    if (left > 0) await this.sessions.set(hash(id), session, left);
  }

  async end(id: string | undefined): Promise<void> {
    if (id && /^[\w-]{43}$/.test(id)) await this.sessions.delete(hash(id));
  }

  needsRecheck(session: Session): boolean {
    return this.clock.now().getTime() - new Date(session.checkedAt).getTime() >= RECHECK_MS;
  }
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string | undefined, b: string): boolean {
  // Two missing secrets are not the same secret.
  if (typeof a !== 'string' || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export const platformNames: Record<Platform, string> = { slack: 'Slack', discord: 'Discord', console: 'the console' };
