// Response headers every page gets (a strict Content-Security-Policy: nothing inline, nothing from elsewhere,
// no framing) and a small fixed-window limiter for the sign-in routes.
import type { MiddlewareHandler } from 'hono';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  if (!c.res.headers.get('Cache-Control')) c.header('Cache-Control', 'no-store');
};

/** At most `max` attempts per key (the client's address) in each window; sign-in links are 43 random characters. */
export class RateLimit {
  private readonly hits = new Map<string, { n: number; until: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  allow(key: string): boolean {
    const t = this.now();
    const h = this.hits.get(key);
    if (!h || h.until <= t) {
      if (this.hits.size > 10_000) this.hits.clear();
      this.hits.set(key, { n: 1, until: t + this.windowMs });
      return true;
    }
    return ++h.n <= this.max;
  }
}
