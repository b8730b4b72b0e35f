// Audit: every leadership action recorded by the services (chat and dashboard alike), newest first, filterable
// by action, by who and by words, with a plain GET form (bookmarkable, works without JavaScript).
import type { Hono } from 'hono';
import { auditSchema } from '../../services/announcements/schedule-model.js';
import type { DashboardDeps, WebEnv } from '../context.js';
import { takeFlash } from '../context.js';
import { when } from '../format.js';
import { Page } from '../layout.js';

const ACTIONS = auditSchema.shape.action.options;
const SHOWN = 100;

export function auditRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  app.get('/audit', async (c) => {
    const zone = deps.services.config.BOT_TIMEZONE;
    const action = c.req.query('action') ?? '';
    const who = (c.req.query('who') ?? '').trim().toLowerCase();
    const q = (c.req.query('q') ?? '').trim().toLowerCase();
    const all = await deps.services.announce.audit.recent(Number.MAX_SAFE_INTEGER);
    const rows = all
      .filter((e) => !action || e.action === action)
      .filter((e) => !who || (e.actor?.name ?? 'the bot').toLowerCase().includes(who))
      .filter((e) => !q || `${e.summary} ${e.scheduleId ?? ''}`.toLowerCase().includes(q))
      .reverse();
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
        <p role="status">{rows.length} of {all.length} entries{rows.length > SHOWN ? `; the newest ${SHOWN} are shown` : ''}.</p>
        <table>
          <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Who</th><th scope="col">Id</th><th scope="col">What</th></tr></thead>
          <tbody>
            {rows.slice(0, SHOWN).map((e) => <tr><td>{when(e.at, zone)}</td><td>{e.action}</td><td>{e.actor ? `${e.actor.name} (${e.actor.platform})` : 'the bot'}</td><td>{e.scheduleId ?? ''}</td><td>{e.summary}</td></tr>)}
          </tbody>
        </table>
      </Page>,
    );
  });
}
