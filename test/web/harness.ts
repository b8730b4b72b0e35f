// A dashboard over the real services and registry (in-memory sqlite, recording outlet), driven with
// Hono's app.request(). Leadership comes from a set the test changes, through the same LeaderCheck port.
import { commands } from '../../commands/index.js';
import type { Platform } from '../../src/core/message.js';
import { createDashboardApp } from '../../src/web/app.js';
import { type DashboardUser, Sessions } from '../../src/web/sessions.js';
import { type Harness, harness } from '../helpers/context.js';

export const LEAD: DashboardUser = { platform: 'console', id: 'operator', name: 'Operator' };
export const MEMBER: DashboardUser = { platform: 'console', id: 'alice', name: 'alice' };

export interface Web {
  h: Harness;
  leaders: Set<string>;
  sessions: Sessions;
  app: ReturnType<typeof createDashboardApp>;
  /** A fresh app (its own rate limiter and leader cache) over the same services. */
  fresh(baseUrl?: string): ReturnType<typeof createDashboardApp>;
  /** Signs in through the real link flow; returns the cookie header and the session's CSRF token. */
  signIn(user?: DashboardUser, app?: ReturnType<typeof createDashboardApp>): Promise<{ cookie: string; csrf: string }>;
  /** A session for someone the platform no longer calls leadership (made without the sign-in check). */
  staleSession(user: DashboardUser): Promise<{ cookie: string }>;
  get(path: string, cookie?: string): Promise<Response>;
  post(path: string, form: Record<string, string>, cookie?: string): Promise<Response>;
}

export async function web(): Promise<Web> {
  const h = await harness(commands);
  const leaders = new Set(['operator']);
  const sessions = new Sessions(h.services.store, h.clock);
  const fresh = (baseUrl = 'http://127.0.0.1:8787') =>
    createDashboardApp({
      services: h.services,
      registry: h.registry,
      sessions,
      baseUrl,
      leaders: (p: Platform) => (p === 'console' ? { isLeader: async (id: string) => leaders.has(id) } : undefined),
    });
  const app = fresh();
  const self: Web = {
    h,
    leaders,
    sessions,
    app,
    fresh,
    async signIn(user = LEAD, target = app) {
      const token = await sessions.issueLink(user);
      const page = await target.request(`/signin/${token}`);
      const pre = /name="_pre" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const preCookie = cookieOf(page, 'niapp_signin');
      const res = await target.request('/signin', { method: 'POST', body: new URLSearchParams({ token, _pre: pre }), headers: { cookie: preCookie } });
      if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
      const cookie = cookieOf(res, 'niapp_session');
      const home = await target.request('/', { headers: { cookie } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1] ?? '';
      return { cookie, csrf };
    },
    async staleSession(user) {
      const opened = await sessions.redeem(await sessions.issueLink(user));
      return { cookie: `niapp_session=${opened!.id}` };
    },
    get: async (path, cookie) => app.request(path, { headers: cookie ? { cookie } : {} }),
    post: async (path, form, cookie) => app.request(path, { method: 'POST', body: new URLSearchParams(form), headers: cookie ? { cookie } : {} }),
  };
  return self;
}

/** `name=value` of a Set-Cookie header (for the next request's Cookie header). */
export function cookieOf(res: Response, name: string): string {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line ? line.split(';')[0]! : '';
}
