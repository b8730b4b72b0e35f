// Per-member rate limits: a token bucket per (platform, member, kind), in memory only — a member id is never
// written next to what they did. A member over the limit hears a friendly private "slow down" with how long to
// wait; everyone else is unaffected. Kinds: every command, every click, and a tighter bucket for named commands
// that make records others see (poll creation, questions kept for leadership).

export interface Rule {
  /** How many may come at once. */
  burst: number;
  /** One more is allowed every `everyMs`. */
  everyMs: number;
}

export const RATE_RULES: Record<string, Rule> = {
  command: { burst: 10, everyMs: 3_000 },
  click: { burst: 20, everyMs: 500 },
  'poll create': { burst: 5, everyMs: 120_000 },
  'cert ask': { burst: 6, everyMs: 10_000 },
};

/** Buckets idle long enough to be full again are forgotten; past this many, the oldest go first. */
const MAX_BUCKETS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly rules: Record<string, Rule> = RATE_RULES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `kind`; returns 0 when allowed, else the ms until the next one. No rule: allowed. */
  check(platform: string, member: string, kind: string): number {
    const rule = this.rules[kind];
    if (!rule) return 0;
    const key = `${kind}\u0000${platform}\u0000${member}`;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: rule.burst, at: t };
    const tokens = Math.min(rule.burst, b.tokens + (t - b.at) / rule.everyMs);
    this.buckets.delete(key); // re-inserted last: the map stays in order of use
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: t });
      return Math.ceil((1 - tokens) * rule.everyMs);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: t });
    if (this.buckets.size > MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }

  /** Gives back the token an attempt took when it was refused (bad input): only what was really done counts. */
  refund(platform: string, member: string, kind: string): void {
    const rule = this.rules[kind];
    const b = rule && this.buckets.get(`${kind}\u0000${platform}\u0000${member}`);
    if (b) b.tokens = Math.min(rule.burst, b.tokens + 1);
  }
}

export function slowDown(waitMs: number): string {
  const s = Math.max(1, Math.ceil(waitMs / 1000));
  return `Slow down a little: you have sent a lot in a short time. Please wait ${s} second${s === 1 ? '' : 's'} and try again. Nothing was changed.`;
}
