// The leadership dashboard: a server-rendered Hono app inside the bot process. Every page and action past the
// sign-in routes requires a live session of someone who still leads (asked of their platform's adapter, at most a
// minute old), and every POST a CSRF token. Actions run the chat commands through the registry (run.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { DashboardDeps, WebEnv } from './context.js';
import { field } from './context.js';
import { Bare } from './layout.js';
import { announcementRoutes } from './pages/announcements.js';
import { auditRoutes } from './pages/audit.js';
import { eventRoutes } from './pages/events.js';
import { overviewRoutes } from './pages/overview.js';
import { pollRoutes } from './pages/polls.js';
import { questionRoutes } from './pages/questions.js';
import { COOKIE, HowToSignIn, signInRoutes } from './pages/signin.js';
import { securityHeaders } from './security.js';
import { sameSecret } from './sessions.js';

/** How long a platform's "yes, still leads" is trusted (the issue asks for at most 5 minutes). */
export const LEADER_TRUST_MS = 60_000;

const CSS = readFileSync(join(import.meta.dirname, 'static', 'dashboard.css'), 'utf8');

export function createDashboardApp(deps: DashboardDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const trusted = new Map<string, number>();
  const now = () => deps.services.clock.now().getTime();

  app.use('*', securityHeaders);
  app.get('/static/dashboard.css', (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  // The calendar feed (/calendar/<secret>.ics) needs no session: the secret in the address is the key. The same
  // handler serves it on the health server (src/health.ts).
  app.get('/calendar/:file', async (c) => {
    const answer = await deps.services.announce.feed.calendarFeed(c.req.path);
    return answer ? c.body(answer.body, answer.status as 200, answer.headers) : c.notFound();
  });
  signInRoutes(app, deps);

  app.use('*', async (c, next) => {
    const sid = getCookie(c, COOKIE);
    const session = sid ? await deps.sessions.get(sid) : undefined;
    if (!sid || !session) return c.redirect('/signin', 303);
    const key = `${session.user.platform}:${session.user.id}`;
    if ((trusted.get(key) ?? -Infinity) < now() - LEADER_TRUST_MS) {
      const leads = await deps.leaders(session.user.platform)?.isLeader(session.user.id).catch(() => false);
      if (!leads) {
        trusted.delete(key);
        await deps.sessions.end(sid);
        deleteCookie(c, COOKIE, { path: '/' });
        return c.html(
          <Bare title="Leadership only">
            <p>The dashboard is for NIAPP leadership, and {session.user.name} is not leadership now, so this session has ended.</p>
            <p>If you think this is a mistake, ask a leader to add you, then sign in again.</p>
          </Bare>,
          403,
        );
      }
      trusted.set(key, now());
    }
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      if (!sameSecret(field(body, '_csrf'), session.csrf)) {
        return c.html(
          <Bare title="Form expired">
            <p>
              This form was not sent from your current dashboard session, so nothing was changed. <a href="/">Go back to the dashboard</a> and try again.
            </p>
          </Bare>,
          403,
        );
      }
    }
    c.set('sid', sid);
    c.set('session', session);
    c.set('user', session.user);
    await next();
  });

  app.post('/signout', async (c) => {
    await deps.sessions.end(c.get('sid'));
    deleteCookie(c, COOKIE, { path: '/' });
    return c.html(
      <Bare title="Signed out">
        <p>You are signed out of the NIAPP dashboard.</p>
        <HowToSignIn />
      </Bare>,
    );
  });

  overviewRoutes(app, deps);
  announcementRoutes(app, deps);
  eventRoutes(app, deps);
  pollRoutes(app, deps);
  questionRoutes(app, deps);
  auditRoutes(app, deps);

  app.notFound((c) =>
    c.html(
      <Bare title="Not found">
        <p>
          There is no such page. <a href="/">Back to the overview</a>.
        </p>
      </Bare>,
      404,
    ),
  );
  app.onError((err, c) => {
    deps.services.log.error({ err, path: c.req.path }, 'dashboard page failed');
    return c.html(
      <Bare title="Something went wrong">
        <p>
          Sorry, this page could not be shown. Please try again; <a href="/">back to the overview</a>.
        </p>
      </Bare>,
      500,
    );
  });
  return app;
}
