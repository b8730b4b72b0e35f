// Events: upcoming trainings and webinars with their RSVP counts; add and cancel run /event add|cancel.
import type { Hono } from 'hono';
import { TO_CHOICES } from '../../services/announcements/targets.js';
import { DEFAULT_REMIND } from '../../services/events/service.js';
import type { Ctx, DashboardDeps, WebEnv } from '../context.js';
import { act, field, takeFlash } from '../context.js';
import { PAGE_ROWS, more, when } from '../format.js';
import { ActionButton, Csrf, More, Page } from '../layout.js';

const FIELDS = ['title', 'at', 'url', 'details', 'remind', 'to'] as const;
type Draft = Record<(typeof FIELDS)[number], string>;
const EMPTY: Draft = { title: '', at: '', url: '', details: '', remind: '', to: '' };

async function eventsPage(c: Ctx, deps: DashboardDeps, draft = EMPTY, status: 200 | 422 = 200) {
  const { events } = deps.services.announce;
  const zone = deps.services.config.BOT_TIMEZONE;
  const csrf = c.get('session').csrf;
  const upcoming = await events.upcoming();
  const rows = await Promise.all(upcoming.slice(0, PAGE_ROWS).map(async (e) => ({ e, going: await events.going(e.id) })));
  return c.html(
    <Page title="Events" path="/events" user={c.get('user')} csrf={csrf} flash={await takeFlash(c, deps)}>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">Upcoming ({upcoming.length})</h2>
        {rows.length ? (
          <table>
            <thead><tr><th scope="col">Event</th><th scope="col">Starts</th><th scope="col">Going</th><th scope="col">Where</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {rows.map(({ e, going }) => (
                <tr>
                  <td>{e.url ? <a href={e.url} rel="noopener noreferrer">{e.title}</a> : e.title} <code>{e.id}</code></td>
                  <td>{when(e.at, zone)}</td>
                  <td>{going}</td>
                  <td>{e.targets.join(', ')}</td>
                  <td class="actions"><ActionButton action={`/events/${e.id}/cancel`} csrf={csrf} label={`Cancel ${e.id}`} danger /></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p>No upcoming events.</p>}
        <More text={more(rows.length, upcoming.length, 'events, the soonest first')} />
      </section>
      <section aria-labelledby="add">
        <h2 id="add">Add an event</h2>
        <p>The bot posts it with an "I'll attend" button and a calendar file, and reminds those who are going.</p>
        <form method="post" action="/events" class="stack">
          <Csrf token={csrf} />
          <label for="title">Title</label>
          <input id="title" name="title" type="text" maxlength={200} required value={draft.title} />
          <label for="at">Starts (Illinois time)</label>
          <p class="hint" id="at-hint">For example "2026-12-03 12:00" or "next tuesday 14:00".</p>
          <input id="at" name="at" type="text" required value={draft.at} aria-describedby="at-hint" />
          <label for="url">Link to join or register (optional)</label>
          <input id="url" name="url" type="url" value={draft.url} />
          <label for="details">Details (optional)</label>
          <textarea id="details" name="details" rows={3} maxlength={1500}>{draft.details}</textarea>
          <label for="remind">Reminders before it starts</label>
          <p class="hint" id="remind-hint">For example 7d,1d,1h. Blank: {DEFAULT_REMIND}.</p>
          <input id="remind" name="remind" type="text" value={draft.remind} aria-describedby="remind-hint" />
          <label for="to">Where</label>
          <select id="to" name="to">
            <option value="" selected={!draft.to}>Every connected platform</option>
            {TO_CHOICES.map((t) => <option value={t} selected={draft.to === t}>{t === 'both' ? 'Slack and Discord' : t[0]!.toUpperCase() + t.slice(1)}</option>)}
          </select>
          <div class="buttons"><button type="submit" class="primary">Add event</button></div>
        </form>
      </section>
    </Page>,
    status,
  );
}

export function eventRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  app.get('/events', (c) => eventsPage(c, deps));

  app.post('/events', async (c) => {
    const body = await c.req.parseBody();
    const draft = Object.fromEntries(FIELDS.map((f) => [f, field(body, f)])) as Draft;
    const result = await act(c, deps, 'event', 'add', { ...draft, to: draft.to || undefined });
    if (!result.ok) return eventsPage(c, deps, draft, 422);
    return c.redirect('/events', 303);
  });

  app.post('/events/:id/cancel', async (c) => {
    await act(c, deps, 'event', 'cancel', { id: c.req.param('id') });
    return c.redirect('/events', 303);
  });
}
