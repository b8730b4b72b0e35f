// Audit: every leadership action recorded by the services (chat and dashboard alike), newest first, filterable
// by action, by who and by words, with a plain GET form (bookmarkable, works without JavaScript).
import type { Hono } from 'hono';
import { type AuditEntry, auditSchema } from '../../services/audit.js';
import type { DashboardDeps, WebEnv } from '../context.js';
import { takeFlash } from '../context.js';
import { when } from '../format.js';
import { Page } from '../layout.js';

const ACTIONS = auditSchema.shape.action.options;
const SHOWN = 50;
/** The Who column as shown, and what the Who filter searches: the same text, so a filter finds what the reader sees. */
const whoOf = (e: AuditEntry): string => (e.actor ? `${e.actor.name} (${e.actor.platform})` : 'the bot');

export function auditRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  app.get('/audit', async (c) => {
    const zone = deps.services.config.BOT_TIMEZONE;
    const action = c.req.query('action') ?? '';
    const who = (c.req.query('who') ?? '').trim().toLowerCase();
    const q = (c.req.query('q') ?? '').trim().toLowerCase();
    const { audit } = deps.services.announce;
    const filtered = Boolean(action || who || q);
    const match = filtered
      ? (e: AuditEntry) =>
          (!action || e.action === action) &&
          (!who || whoOf(e).toLowerCase().includes(who)) &&
          (!q || `${e.summary} ${e.scheduleId ?? ''}`.toLowerCase().includes(q))
      : undefined;
    const cursor = (name: string) => (/^[0-9TZ:.~a-f-]{10,60}$/.test(c.req.query(name) ?? '') ? c.req.query(name) : undefined);
    const [page, total] = await Promise.all([audit.page({ limit: SHOWN, before: cursor('before'), after: cursor('after'), match }), audit.count()]);
    const rows = page.entries;
    const keep = Object.fromEntries(Object.entries({ action, who: c.req.query('who') ?? '', q: c.req.query('q') ?? '' }).filter(([, v]) => v));
    const link = (dir: 'before' | 'after', key: string) => `/audit?${new URLSearchParams({ ...keep, [dir]: key }).toString()}`;
    return c.html(
      <Page title="Audit log" path="/audit" user={c.get('user')} csrf={c.get('session').csrf} flash={await takeFlash(c, deps)}>
        <form method="get" action="/audit" class="filters" role="search" aria-label="Filter the audit log">
          <div>
            <label for="action">Action</label>
            <select id="action" name="action">
              <option value="">Any</option>
              {ACTIONS.map((a) => <option value={a} selected={a === action}>{a}</option>)}
            </select>
          </div>
          <div>
            <label for="who">Who</label>
            <input id="who" name="who" type="text" value={c.req.query('who') ?? ''} />
          </div>
          <div>
            <label for="q">Words</label>
            <input id="q" name="q" type="search" value={c.req.query('q') ?? ''} />
          </div>
          <div class="buttons"><button type="submit">Filter</button></div>
        </form>
        <p role="status">{`${rows.length}${filtered ? ' matching' : ''} ${rows.length === 1 ? 'entry' : 'entries'} on this page, newest first; ${total.toLocaleString('en-US')} in the log.`}</p>
        <table>
          <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Who</th><th scope="col">Id</th><th scope="col">What</th></tr></thead>
          <tbody>
            {rows.map((e) => <tr><td>{when(e.at, zone)}</td><td>{e.action}</td><td>{whoOf(e)}</td><td>{e.scheduleId ?? ''}</td><td>{e.summary}</td></tr>)}
          </tbody>
        </table>
        {page.newer || page.older ? (
          <nav class="pager" aria-label="Pages of the audit log">
            <ul>
              {page.newer ? <li><a href={link('after', page.newer)} rel="prev">Newer entries</a></li> : null}
              {page.older ? <li><a href={link('before', page.older)} rel="next">Older entries</a></li> : null}
            </ul>
          </nav>
        ) : null}
      </Page>,
    );
  });
}
