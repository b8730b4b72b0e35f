// Announcements: what is scheduled, compose (with the preview), edit, cancel, and their audit trail. Sending,
// editing and cancelling run /announce now|at|every|edit|cancel through the registry.
import type { Hono } from 'hono';
import { DateTime } from 'luxon';
import type { Platform } from '../../core/message.js';
import { TO_CHOICES } from '../../services/announcements/targets.js';
import type { Schedule } from '../../services/announcements/schedule-model.js';
import type { Ctx, DashboardDeps, WebEnv } from '../context.js';
import { act, field, takeFlash } from '../context.js';
import { PAGE_ROWS, clip, offsetOf, pageParam, when } from '../format.js';
import { ActionButton, Csrf, Page, Pager } from '../layout.js';
import { type Draft, Preview, whenOf } from './compose-preview.js';

const EMPTY: Draft = { text: '', when: '', to: '', ping: '' };

function draftOf(body: Record<string, unknown>): Draft {
  return { text: field(body, 'text'), when: field(body, 'when'), to: field(body, 'to'), ping: field(body, 'ping') };
}

function previewPlatforms(deps: DashboardDeps, to: string): Platform[] {
  if (to === 'both') return ['slack', 'discord'];
  if (to === 'slack' || to === 'discord' || to === 'console') return [to];
  const connected = deps.services.outlets.all().map((o) => o.platform);
  return connected.length ? connected : ['console'];
}

function DraftFields({ draft, editing }: { draft: Draft; editing?: boolean }) {
  return (
    <>
      <label for="text">Text</label>
      <textarea id="text" name="text" rows={6} maxlength={4000} required>{draft.text}</textarea>
      <label for="when">When</label>
      <p class="hint" id="when-hint">
        {editing ? 'A time such as "2026-12-01 09:00" or "tomorrow 9am", or "every 0 9 * * 1" (minute hour day month weekday).' : 'Leave blank to post now; or a time such as "tomorrow 9am"; or "every 0 9 * * 1" (minute hour day month weekday).'} Illinois time.
      </p>
      <input id="when" name="when" type="text" value={draft.when} aria-describedby="when-hint" />
      {editing ? null : (
        <>
          <label for="to">Where</label>
          <select id="to" name="to">
            <option value="" selected={!draft.to}>Every connected platform</option>
            {TO_CHOICES.map((t) => <option value={t} selected={draft.to === t}>{t === 'both' ? 'Slack and Discord' : t[0]!.toUpperCase() + t.slice(1)}</option>)}
          </select>
          <label for="ping">Notify (optional)</label>
          <p class="hint" id="ping-hint">"here", or "role:" and a role id.</p>
          <input id="ping" name="ping" type="text" value={draft.ping} aria-describedby="ping-hint" />
        </>
      )}
    </>
  );
}

function ScheduleTable({ items, deps, csrf }: { items: Schedule[]; deps: DashboardDeps; csrf: string }) {
  const { announcements, scheduler } = deps.services.announce;
  const zone = deps.services.config.BOT_TIMEZONE;
  return (
    <table>
      <thead><tr><th scope="col">Id</th><th scope="col">Text</th><th scope="col">When and where</th><th scope="col">Next run</th><th scope="col">Actions</th></tr></thead>
      <tbody>
        {items.map((s) => (
          <tr>
            <td><code>{s.id}</code></td>
            <td>{clip(s.text, 120)}</td>
            <td>{announcements.summary(s)}</td>
            <td>{when(scheduler.nextRun(s.id) ?? announcements.nextRuns(s, 1)[0], zone)}</td>
            <td class="actions">
              <a href={`/announcements/${s.id}/edit`}>Edit<span class="visually-hidden"> announcement {s.id}</span></a>
              <ActionButton action={`/announcements/${s.id}/cancel`} csrf={csrf} label={`Cancel ${s.id}`} danger />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function listPage(c: Ctx, deps: DashboardDeps, draft = EMPTY, showPreview = false, status: 200 | 422 = 200) {
  const { announcements, audit } = deps.services.announce;
  const zone = deps.services.config.BOT_TIMEZONE;
  const csrf = c.get('session').csrf;
  const query = { once: String(pageParam(c.req.query('once'))), every: String(pageParam(c.req.query('every'))) };
  const [once, every, log] = await Promise.all([
    announcements.page('once', offsetOf(Number(query.once)), PAGE_ROWS),
    announcements.page('every', offsetOf(Number(query.every)), PAGE_ROWS),
    audit.recent(10),
  ]);
  return c.html(
    <Page title="Announcements" path="/announcements" user={c.get('user')} csrf={csrf} flash={await takeFlash(c, deps)}>
      <section aria-labelledby="once">
        <h2 id="once">Scheduled once ({once.total})</h2>
        {once.items.length ? <ScheduleTable items={once.items} deps={deps} csrf={csrf} /> : <p>No one-time announcement is scheduled.</p>}
        <Pager path="/announcements" param="once" query={query} page={Number(query.once)} total={once.total} what="one-time announcements, the soonest first" />
      </section>
      <section aria-labelledby="every">
        <h2 id="every">Recurring ({every.total})</h2>
        {every.items.length ? <ScheduleTable items={every.items} deps={deps} csrf={csrf} /> : <p>No recurring announcement is scheduled.</p>}
        <Pager path="/announcements" param="every" query={query} page={Number(query.every)} total={every.total} what="recurring announcements, the newest first" />
      </section>
      <section aria-labelledby="compose">
        <h2 id="compose">Compose</h2>
        <form method="post" action="/announcements" class="stack">
          <Csrf token={csrf} />
          <DraftFields draft={draft} />
          <div class="buttons">
            <button type="submit" name="intent" value="preview">Preview</button>
            <button type="submit" name="intent" value="send" class="primary">Post or schedule</button>
          </div>
        </form>
        {showPreview ? <Preview draft={draft} now={deps.services.clock.now()} zone={zone} platforms={previewPlatforms(deps, draft.to)} /> : null}
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">Recent changes</h2>
        <ul>{log.reverse().map((e) => <li>{when(e.at, zone)} · {e.action}{e.scheduleId ? ` ${e.scheduleId}` : ''}{e.actor ? ` by ${e.actor.name}` : ''}: {e.summary}</li>)}</ul>
        <p><a href="/audit">The full audit log</a></p>
      </section>
    </Page>,
    status,
  );
}

function whenText(s: Schedule): string {
  return s.timing.kind === 'cron' ? `every ${s.timing.cron}` : DateTime.fromISO(s.timing.at, { zone: s.tz }).toFormat('yyyy-MM-dd HH:mm');
}

async function editPage(c: Ctx, deps: DashboardDeps, s: Schedule, draft: Draft, showPreview: boolean, status: 200 | 422 = 200) {
  const csrf = c.get('session').csrf;
  const zone = deps.services.config.BOT_TIMEZONE;
  const log = await deps.services.announce.audit.recent(20, s.id);
  return c.html(
    <Page title={`Edit announcement ${s.id}`} path="/announcements/edit" user={c.get('user')} csrf={csrf} flash={await takeFlash(c, deps)}>
      <p>{deps.services.announce.announcements.summary(s)}</p>
      <form method="post" action={`/announcements/${s.id}`} class="stack">
        <Csrf token={csrf} />
        <DraftFields draft={draft} editing />
        <div class="buttons">
          <button type="submit" name="intent" value="preview">Preview</button>
          <button type="submit" name="intent" value="send" class="primary">Save changes</button>
        </div>
      </form>
      {showPreview ? <Preview draft={{ ...draft, to: '', ping: s.ping ? (s.ping.kind === 'here' ? 'here' : `role:${s.ping.role}`) : '' }} now={deps.services.clock.now()} zone={zone} platforms={s.targets} /> : null}
      <h2>History of {s.id}</h2>
      <ul>{log.reverse().map((e) => <li>{when(e.at, zone)} · {e.action}{e.actor ? ` by ${e.actor.name}` : ''}: {e.summary}</li>)}</ul>
      <p><a href="/announcements">Back to announcements</a></p>
    </Page>,
    status,
  );
}

export function announcementRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  const { announcements } = deps.services.announce;

  app.get('/announcements', (c) => listPage(c, deps));

  app.post('/announcements', async (c) => {
    const body = await c.req.parseBody();
    const draft = draftOf(body);
    if (field(body, 'intent') === 'preview') return listPage(c, deps, draft, true);
    const w = whenOf(draft.when);
    const where = { text: draft.text, to: draft.to || undefined, ping: draft.ping || undefined };
    const result =
      w.kind === 'now' ? await act(c, deps, 'announce', 'now', where)
      : w.kind === 'at' ? await act(c, deps, 'announce', 'at', { ...where, when: w.text })
      : await act(c, deps, 'announce', 'every', { ...where, cron: w.cron });
    if (!result.ok) return listPage(c, deps, draft, true, 422);
    return c.redirect('/announcements', 303);
  });

  app.get('/announcements/:id/edit', async (c) => {
    const s = await announcements.get(c.req.param('id'));
    if (!s || s.kind !== 'announcement') return c.notFound();
    return editPage(c, deps, s, { ...EMPTY, text: s.text, when: whenText(s) }, false);
  });

  app.post('/announcements/:id', async (c) => {
    const s = await announcements.get(c.req.param('id'));
    if (!s || s.kind !== 'announcement') return c.notFound();
    const body = await c.req.parseBody();
    const draft = draftOf(body);
    if (field(body, 'intent') === 'preview') return editPage(c, deps, s, draft, true);
    const w = whenOf(draft.when);
    const timing = w.kind === 'every' ? { every: w.cron } : w.kind === 'at' && draft.when.trim() !== whenText(s) ? { at: w.text } : {};
    const result = await act(c, deps, 'announce', 'edit', { id: s.id, text: draft.text !== s.text ? draft.text : undefined, ...timing });
    if (!result.ok) return editPage(c, deps, s, draft, false, 422);
    return c.redirect('/announcements', 303);
  });

  app.post('/announcements/:id/cancel', async (c) => {
    await act(c, deps, 'announce', 'cancel', { id: c.req.param('id') });
    return c.redirect('/announcements', 303);
  });
}
