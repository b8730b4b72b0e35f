// Sign-in and sign-out. GET /signin/:token only shows a button: link previews and scanners that fetch the
// link do not use it up. The POST that uses it carries a pre-session token (double-submit cookie), so another
// site cannot sign a browser into someone else's session.
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { randomBytes } from 'node:crypto';
import type { DashboardDeps, WebEnv } from '../context.js';
import { field } from '../context.js';
import { Bare } from '../layout.js';
import { RateLimit } from '../security.js';
import { SESSION_TTL_MS, platformNames, sameSecret } from '../sessions.js';

export const COOKIE = 'niapp_session';
const PRE = 'niapp_signin';

export function cookieOptions(deps: DashboardDeps, maxAgeMs: number) {
  return { httpOnly: true, secure: deps.baseUrl.startsWith('https:'), sameSite: 'Lax' as const, path: '/', maxAge: Math.floor(maxAgeMs / 1000) };
}

const clientOf = (c: Context): string => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

export function HowToSignIn() {
  return (
    <>
      <p>The dashboard is for NIAPP leadership. There are no passwords: the bot sends you a link.</p>
      <ol>
        <li>
          In Slack, Discord or the bot's console, type <code>/niapp dashboard</code>.
        </li>
        <li>The bot answers you privately with a sign-in link. It works once, for 10 minutes.</li>
        <li>Open it in this browser. You stay signed in for 8 hours, or until you sign out.</li>
      </ol>
      <p>If you stop being leadership, your session ends within 5 minutes.</p>
    </>
  );
}

export function signInRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  const limit = new RateLimit(20, 10 * 60_000, () => Date.now());

  app.get('/signin', (c) =>
    c.html(
      <Bare title="Sign in">
        <HowToSignIn />
      </Bare>,
    ),
  );

  // Only failed attempts count against the limit: a valid link always works, so nobody can lock leaders out by
  // sending bogus links (behind a reverse proxy every visitor may share one address).
  app.get('/signin/:token', async (c) => {
    const token = c.req.param('token');
    const user = await deps.sessions.peek(token);
    if (!user) return limit.allow(clientOf(c)) ? c.html(<Expired />, 410) : tooMany(c);
    const pre = randomBytes(24).toString('base64url');
    setCookie(c, PRE, pre, cookieOptions(deps, 10 * 60_000));
    return c.html(
      <Bare title="Sign in">
        <p>
          Sign in to the NIAPP dashboard as <strong>{user.name}</strong> ({platformNames[user.platform]})?
        </p>
        <form method="post" action="/signin">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="_pre" value={pre} />
          <button type="submit">Sign in</button>
        </form>
      </Bare>,
    );
  });

  app.post('/signin', async (c) => {
    const body = await c.req.parseBody();
    if (!sameSecret(field(body, '_pre'), getCookie(c, PRE) ?? '')) {
      return c.html(
        <Bare title="Sign-in not accepted">
          <p>This sign-in did not come from the dashboard's own page. Open your sign-in link again.</p>
        </Bare>,
        403,
      );
    }
    const user = await deps.sessions.peek(field(body, 'token'));
    // Leadership is checked again here: a link may have been asked for just before the role was removed.
    if (!user) return limit.allow(clientOf(c)) ? c.html(<Expired />, 410) : tooMany(c);
    if (!(await deps.leaders(user.platform)?.isLeader(user.id))) return c.html(<Expired />, 410);
    const opened = await deps.sessions.redeem(field(body, 'token'));
    if (!opened) return c.html(<Expired />, 410);
    deleteCookie(c, PRE, { path: '/' });
    setCookie(c, COOKIE, opened.id, cookieOptions(deps, SESSION_TTL_MS));
    return c.redirect('/', 303);
  });
}

function Expired() {
  return (
    <Bare title="This sign-in link cannot be used">
      <p>Sign-in links work once and for 10 minutes. This one has been used or has expired.</p>
      <HowToSignIn />
    </Bare>
  );
}

const tooMany = (c: Context) =>
  c.html(
    <Bare title="Too many attempts">
      <p>Too many sign-in attempts from this address. Wait 10 minutes, then open a fresh link.</p>
    </Bare>,
    429,
  );
