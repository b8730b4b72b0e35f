// Account linking: one person, one vote across platforms. `/niapp link` shows a one-time code on one
// platform; `/niapp link <code>` on the other joins the two accounts under one person key.
// Records (namespace identity-links): account key "platform:id" → { person, accounts }.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import type { Platform } from '../../core/message.js';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';

export const CODE_TTL_MS = 10 * 60_000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const linkSchema = z.object({ person: z.string(), accounts: z.array(z.string()).min(1) });
const codeSchema = z.object({ account: z.string(), platform: z.enum(['slack', 'discord', 'console']), expiresAt: z.number() });
type Link = z.infer<typeof linkSchema>;

export interface Account {
  platform: Platform;
  id: string;
}

/** The person behind an account: its key (what votes are counted under) and all of its accounts' keys. */
export interface Person {
  key: string;
  accounts: string[];
}

export const accountKey = (a: Account): string => `${a.platform}:${a.id}`;

export class IdentityService {
  private readonly links: Repo<Link>;
  private readonly codes: Repo<z.infer<typeof codeSchema>>;
  /**
   * Every link, in memory, with a store of its own (one process): links change only through this service and
   * are few (members who linked), so a vote never waits on a store read to learn who is voting. A shared store
   * is read instead (personOf).
   */
  private cache?: Promise<Map<string, Person>>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.links = new Repo(store, 'identity-links', linkSchema);
    this.codes = new Repo(store, 'identity-codes', codeSchema);
  }

  async personOf(account: Account): Promise<Person> {
    const key = accountKey(account);
    // A store shared by replicas: a link made on another replica counts at once, so read the account's own row.
    if (this.store.shared) {
      const link = await this.links.get(key);
      return link ? { key: link.person, accounts: link.accounts } : { key, accounts: [key] };
    }
    return (await this.all()).get(key) ?? { key, accounts: [key] };
  }

  private all(): Promise<Map<string, Person>> {
    this.cache ??= this.links.list().then((rows) => new Map(rows.map(([key, l]) => [key, { key: l.person, accounts: l.accounts }])));
    // A failed load (store down) is not cached: the next vote tries again.
    this.cache.catch(() => (this.cache = undefined));
    return this.cache;
  }

  /** Makes a one-time code for `account`, valid for 10 minutes. */
  async newCode(account: Account): Promise<string> {
    for (;;) {
      const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      const expiresAt = this.clock.now().getTime() + CODE_TTL_MS;
      if (await this.codes.create(code, { account: accountKey(account), platform: account.platform, expiresAt }, CODE_TTL_MS)) return code;
    }
  }

  /** Redeems a code shown to another account: both accounts then count as one person. */
  async redeem(account: Account, rawCode: string): Promise<Person> {
    const code = rawCode.trim().toUpperCase().replace(/[\s-]/g, '');
    const entry = await this.codes.get(code);
    if (!entry || entry.expiresAt < this.clock.now().getTime()) throw new UserError('link.bad-code', 'That code is not valid or has expired (codes last 10 minutes). Type `/niapp link` on your other account to get a new one.');
    if (entry.platform === account.platform) {
      throw new UserError('link.same-platform', `That code was made on ${entry.platform}. Enter it on your account on the other platform (Slack ↔ Discord).`);
    }
    // The code is spent by exactly one redeemer, even if two try at once.
    if (!(await this.store.claim('identity-codes-used', code, { at: this.clock.now().toISOString() }, CODE_TTL_MS * 2))) {
      throw new UserError('link.bad-code', 'That code was already used. Type `/niapp link` on your other account to get a new one.');
    }
    await this.codes.delete(code);
    const [a, b] = await Promise.all([this.personOf(parseKey(entry.account)), this.personOf(account)]);
    const key = a.key;
    const accounts = [...new Set([...a.accounts, ...b.accounts])].sort();
    for (const acc of accounts) await this.links.set(acc, { person: key, accounts });
    if (!this.store.shared) {
      const cache = await this.all();
      for (const acc of accounts) cache.set(acc, { key, accounts });
    }
    return { key, accounts };
  }
}

function parseKey(key: string): Account {
  const i = key.indexOf(':');
  return { platform: key.slice(0, i) as Platform, id: key.slice(i + 1) };
}
