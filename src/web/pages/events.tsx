// Events: the agenda of dates still to come (soonest first, paged) with RSVP counts; add, edit and cancel run
// /event add|edit|cancel through the registry; the calendar feed's address for leaders to share.
import type { Hono } from 'hono';
import { TO_CHOICES } from '../../services/announcements/targets.js';
import type { BotEvent } from '../../services/events/model.js';
import { lengthOf } from '../../services/events/model.js';
import { DEFAULT_REMIND } from '../../services/events/service.js';
import type { Ctx, DashboardDeps, WebEnv } from '../context.js';
import { act, field, notify, takeFlash } from '../context.js';
import { PAGE_ROWS, offsetOf, pageParam, when } from '../format.js';
import { ActionButton, Csrf, Page, Pager } from '../layout.js';

const FIELDS = ['title', 'at', 'url', 'details', 'remind', 'to'] as const;
type Draft = Record<(typeof FIELDS)[number], string>;
const EMPTY: Draft = { title: '', at: '', url: '', details: '', remind: '', to: '' };

const EDIT_FIELDS = ['title', 'url', 'details', 'duration'] as const;
type EditDraft = Record<(typeof EDIT_FIELDS)[number], string>;

/** "90m" → shown as "1h30m": the form's duration in the words /event edit takes. */
function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h ? `${h}h` : ''}${m || !h ? `${m}m` : ''}`;
}

const editDraftOf = (e: BotEvent): EditDraft => ({ title: e.title, url: e.url ?? '', details: e.details ?? '', duration: durationText(lengthOf(e)) });

async function eventsPage(c: Ctx, deps: DashboardDeps, draft = EMPTY, status: 200 | 422 = 200) {
  const { events, feed } = deps.services.announce;
  const zone = deps.services.config.BOT_TIMEZONE;
  const csrf = c.get('session').csrf;
  const page = pageParam(c.req.query('page'));
  const [{ rows, total }, count, feedPath] = await Promise.all([events.page(offsetOf(page), PAGE_ROWS), events.upcomingCount(), feed.feedPath()]);
  const ids = [...new Set(rows.map((r) => r.event.id))];
  const going = new Map(await Promise.all(ids.map(async (id) => [id, await events.going(id)] as const)));
  return c.html(
    <Page title="Events" path="/events" user={c.get('user')} csrf={csrf} flash={await takeFlash(c, deps)}>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">Upcoming ({count} {count === 1 ? 'event' : 'events'})</h2>
        {rows.length ? (
          <table>
            <thead><tr><th scope="col">Event</th><th scope="col">Starts</th><th scope="col">Going</th><th scope="col">Where</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {rows.map(({ event: e, start, nth, of }) => (
                <tr>
                  <td>{e.url ? <a href={e.url} rel="noopener noreferrer">{e.title}</a> : e.title} <code>{e.id}</code></td>
                  <td>{when(start, zone)}{of > 1 ? ` (date ${nth} of ${of})` : ''}</td>
                  <td>{going.get(e.id) ?? 0}</td>
                  <td>{e.targets.join(', ')}</td>
                  <td class="actions">
                    <a href={`/events/${e.id}/edit`}>Edit<span class="visually-hidden"> event {e.id}{of > 1 ? `, date ${nth}` : ''}</span></a>
                    <ActionButton action={`/events/${e.id}/cancel`} csrf={csrf} label={`Cancel ${e.id}`} danger />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p>No upcoming events.</p>}
        <Pager path="/events" param="page" anchor="upcoming" query={{ page: String(page) }} page={page} total={total} what="event dates, the soonest first" />
      </section>
      <section aria-labelledby="feed">
        <h2 id="feed">Calendar feed</h2>
        <p>Members can subscribe to every event in Google Calendar ("From URL"), Outlook ("Subscribe from web") or Apple Calendar with this address. Share it within the alliance only: anyone with it can read the event list.</p>
        <p><a href={feedPath} class="feed-link">{`${deps.baseUrl}${feedPath}`}</a></p>
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

async function editPage(c: Ctx, deps: DashboardDeps, e: BotEvent, draft: EditDraft, status: 200 | 422 = 200) {
  const csrf = c.get('session').csrf;
  const zone = deps.services.config.BOT_TIMEZONE;
  return c.html(
    <Page title={`Edit event ${e.id}`} path="/events/edit" user={c.get('user')} csrf={csrf} flash={await takeFlash(c, deps)}>
      <p>Starts {when(e.at, zone)}{e.repeat ? `, repeating ${e.repeat}` : ''}. The start cannot be moved: cancel the event and add it again for that. Its posts and the calendars follow the change.</p>
      <form method="post" action={`/events/${e.id}`} class="stack">
        <Csrf token={csrf} />
        <label for="title">Title</label>
        <input id="title" name="title" type="text" maxlength={200} required value={draft.title} />
        <label for="url">Link to join or register</label>
        <input id="url" name="url" type="url" value={draft.url} />
        <label for="details">Details</label>
        <textarea id="details" name="details" rows={3} maxlength={1500}>{draft.details}</textarea>
        <label for="duration">How long it lasts</label>
        <p class="hint" id="duration-hint">For example 90m, 1h30m or 2h.</p>
        <input id="duration" name="duration" type="text" value={draft.duration} aria-describedby="duration-hint" />
        <div class="buttons"><button type="submit" class="primary">Save changes</button></div>
      </form>
      <p><a href="/events">Back to events</a></p>
    </Page>,
    status,
  );
}

export function eventRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  const { events } = deps.services.announce;
  const find = (id: string) => events.events.get(id.trim().toLowerCase());

  app.get('/events', (c) => eventsPage(c, deps));

  app.post('/events', async (c) => {
    const body = await c.req.parseBody();
    const draft = Object.fromEntries(FIELDS.map((f) => [f, field(body, f)])) as Draft;
    const result = await act(c, deps, 'event', 'add', { ...draft, to: draft.to || undefined });
    if (!result.ok) return eventsPage(c, deps, draft, 422);
    return c.redirect('/events', 303);
  });

  app.get('/events/:id/edit', async (c) => {
    const e = await find(c.req.param('id'));
    if (!e || e.cancelled) return c.notFound();
    return editPage(c, deps, e, editDraftOf(e));
  });

  // Only what the leader changed goes to /event edit (an unchanged length is not re-sent as a new one).
  app.post('/events/:id', async (c) => {
    const e = await find(c.req.param('id'));
    if (!e || e.cancelled) return c.notFound();
    const body = await c.req.parseBody();
    const draft = Object.fromEntries(EDIT_FIELDS.map((f) => [f, field(body, f)])) as EditDraft;
    const before = editDraftOf(e);
    // A link or description emptied on the form is removed ("none" in chat); the title and length cannot be empty.
    const removable = (f: (typeof EDIT_FIELDS)[number]) => f === 'url' || f === 'details';
    const changed = Object.fromEntries(EDIT_FIELDS.filter((f) => draft[f].trim() !== before[f]).map((f) => [f, draft[f].trim() === '' && removable(f) ? 'none' : draft[f].trim()]));
    if (!Object.keys(changed).length) {
      await notify(c, deps, 'Nothing was changed: edit a field, then save.', false);
      return editPage(c, deps, e, draft, 422);
    }
    const result = await act(c, deps, 'event', 'edit', { id: e.id, ...changed });
    if (!result.ok) return editPage(c, deps, e, draft, 422);
    return c.redirect('/events', 303);
  });

  app.post('/events/:id/cancel', async (c) => {
    await act(c, deps, 'event', 'cancel', { id: c.req.param('id') });
    return c.redirect('/events', 303);
  });
}
