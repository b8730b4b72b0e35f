// Polls: open and closed, results (chart + table), comments as the report shows them, CSV and report
// downloads, create, close and remind — each action is /poll create|close|remind|export through the registry.
// Pages of anonymous polls show no member id: not the voters' (never stored) and not the creator's.
import type { Hono } from 'hono';
import { UserError } from '../../core/errors.js';
import { MIN_GROUP, anonymize } from '../../services/polls/export.js';
import { LIMITS, type Poll, isOpen } from '../../services/polls/model.js';
import type { Ctx, DashboardDeps, WebEnv } from '../context.js';
import { act, field, notify, takeFlash } from '../context.js';
import { PAGE_ROWS, clip, offsetOf, pageParam, when } from '../format.js';
import { ActionButton, Csrf, Page, Pager } from '../layout.js';
import { noticeOf, runCommand } from '../run.js';
import { ResultsChart } from './poll-chart.js';
import { renderChart } from '../../services/charts/index.js';
import { chartFilename, pollChartData } from '../../services/polls/chart.js';

type Draft = { question: string; options: string; closes: string; max: string; public: boolean; hideResults: boolean; comments: boolean };
const EMPTY: Draft = { question: '', options: '', closes: '', max: '', public: false, hideResults: false, comments: false };

async function listPage(c: Ctx, deps: DashboardDeps, draft = EMPTY, status: 200 | 422 = 200) {
  const zone = deps.services.config.BOT_TIMEZONE;
  const csrf = c.get('session').csrf;
  const query = { open: String(pageParam(c.req.query('open'))), closed: String(pageParam(c.req.query('closed'))) };
  const [openPage, closedPage] = await Promise.all([
    deps.services.polls.page('open', offsetOf(Number(query.open)), PAGE_ROWS),
    deps.services.polls.page('closed', offsetOf(Number(query.closed)), PAGE_ROWS),
  ]);
  // Tallies only for the rows shown (an open poll's tally comes from the vote mirror).
  const open = await Promise.all(openPage.polls.map(async (poll) => ({ poll, voters: (await deps.services.polls.tally(poll.id)).voters })));
  const check = (name: keyof Draft, label: string) => (
    <div class="check">
      <input type="checkbox" id={name} name={name} value="1" checked={Boolean(draft[name])} />
      <label for={name}>{label}</label>
    </div>
  );
  return c.html(
    <Page title="Polls" path="/polls" user={c.get('user')} csrf={csrf} flash={await takeFlash(c, deps)}>
      <section aria-labelledby="open">
        <h2 id="open">Open ({openPage.total})</h2>
        {open.length ? (
          <table>
            <thead><tr><th scope="col">Question</th><th scope="col">Responses</th><th scope="col">Closes</th><th scope="col">Kind</th></tr></thead>
            <tbody>
              {open.map(({ poll, voters }) => (
                <tr><td><a href={`/polls/${poll.id}`}>{clip(poll.question, 100)}</a></td><td>{voters}</td><td>{poll.closesAt ? when(poll.closesAt, zone) : 'no deadline'}</td><td>{poll.public ? 'public' : 'anonymous'}</td></tr>
              ))}
            </tbody>
          </table>
        ) : <p>No polls are open.</p>}
        <Pager path="/polls" param="open" query={query} page={Number(query.open)} total={openPage.total} what="open polls, closing soonest first" />
      </section>
      <section aria-labelledby="closed">
        <h2 id="closed">Closed ({closedPage.total})</h2>
        {closedPage.polls.length ? (
          <table>
            <thead><tr><th scope="col">Question</th><th scope="col">Closed</th><th scope="col">Kind</th></tr></thead>
            <tbody>
              {closedPage.polls.map((poll) => <tr><td><a href={`/polls/${poll.id}`}>{clip(poll.question, 100)}</a></td><td>{when(poll.closedAt, zone)}</td><td>{poll.public ? 'public' : 'anonymous'}</td></tr>)}
            </tbody>
          </table>
        ) : <p>No closed polls yet.</p>}
        <Pager path="/polls" param="closed" query={query} page={Number(query.closed)} total={closedPage.total} what="closed polls, the most recently closed first" />
      </section>
      <section aria-labelledby="create">
        <h2 id="create">Create a poll</h2>
        <p>It is posted to the announcement channel of every connected platform, with one tally. Anonymous unless you make it public.</p>
        <form method="post" action="/polls" class="stack">
          <Csrf token={csrf} />
          <label for="question">Question</label>
          <input id="question" name="question" type="text" maxlength={LIMITS.questionChars} required value={draft.question} />
          <label for="options">Options, one per line ({LIMITS.minOptions} to {LIMITS.maxOptions})</label>
          <textarea id="options" name="options" rows={5} required>{draft.options}</textarea>
          <label for="closes">Closes (optional, Illinois time)</label>
          <p class="hint" id="closes-hint">For example 3d, "friday 5pm" or "2026-12-01 17:00".</p>
          <input id="closes" name="closes" type="text" value={draft.closes} aria-describedby="closes-hint" />
          <label for="max">Choices per member</label>
          <input id="max" name="max" type="number" min={1} max={LIMITS.maxOptions} value={draft.max || '1'} />
          {check('public', 'Public: record names with votes')}
          {check('hideResults', 'Hide the tally until the poll closes')}
          {check('comments', 'Members may add a short comment')}
          <div class="buttons"><button type="submit" class="primary">Post poll</button></div>
        </form>
      </section>
    </Page>,
    status,
  );
}

async function pollPage(c: Ctx, deps: DashboardDeps, poll: Poll) {
  const { polls } = deps.services;
  const zone = deps.services.config.BOT_TIMEZONE;
  const csrf = c.get('session').csrf;
  const hidden = isOpen(poll) && poll.hideResults;
  // Comments as the export gives them: of an anonymous poll only once it closed (two looks at an open poll
  // would isolate one member's comment), without names, redacted, in alphabetical order.
  const commentsShown = poll.comments && (poll.public || !isOpen(poll));
  const [tally, comments] = await Promise.all([polls.tally(poll.id), commentsShown ? polls.commentsOf(poll.id) : Promise.resolve([])]);
  const shown = comments.map((text) => anonymize(text).replace(/\n+/g, ' ')).sort((a, b) => a.localeCompare(b));
  return c.html(
    <Page title={clip(poll.question, 90)} path="/polls/detail" user={c.get('user')} csrf={csrf} flash={await takeFlash(c, deps)}>
      <dl class="facts">
        <dt>Poll</dt><dd><code>{poll.id}</code></dd>
        <dt>Status</dt><dd>{isOpen(poll) ? `open${poll.closesAt ? `, closes ${when(poll.closesAt, zone)}` : ', no deadline'}` : `closed ${when(poll.closedAt, zone)}`}</dd>
        <dt>Kind</dt><dd>{poll.public ? 'public (names recorded)' : 'anonymous (no names recorded)'}, {poll.maxChoices > 1 ? `up to ${poll.maxChoices} choices` : 'one choice'}</dd>
        <dt>Responses</dt><dd>{tally.voters}</dd>
        <dt>Created by</dt><dd>{poll.createdBy.name}, {when(poll.createdAt, zone)}</dd>
      </dl>
      {isOpen(poll) ? (
        <div class="buttons">
          <ActionButton action={`/polls/${poll.id}/remind`} csrf={csrf} label="Remind members who have not voted" />
          <ActionButton action={`/polls/${poll.id}/close`} csrf={csrf} label="Close poll now" danger />
        </div>
      ) : null}
      <h2>Results</h2>
      {hidden ? <p>This poll hides its tally until it closes.</p> : <ResultsChart poll={poll} tally={tally} />}
      {hidden ? null : (
        <ul class="downloads">
          <li><a href={`/polls/${poll.id}/votes.csv`} download>Download the votes (CSV)</a></li>
          <li><a href={`/polls/${poll.id}/report.pdf`} download>Download the advocacy report (PDF)</a></li>
          <li><a href={`/polls/${poll.id}/report.md`} download>Download the advocacy report (Markdown)</a></li>
          <li><a href={`/polls/${poll.id}/chart.png`} download>Download the chart (PNG)</a></li>
        </ul>
      )}
      {poll.comments ? (
        <>
          <h2>Comments</h2>
          {hidden || !commentsShown ? <p>Shown when the poll closes.</p> : shown.length < MIN_GROUP ? (
            <p>{shown.length ? `Fewer than ${MIN_GROUP} comments; they are not shown, to protect anonymity.` : 'No comments.'}</p>
          ) : (
            <>
              <p>As in the report: without names, in alphabetical order, with contact details and mentions removed.</p>
              <ul class="comments">{shown.map((t) => <li><blockquote>{t}</blockquote></li>)}</ul>
            </>
          )}
        </>
      ) : null}
      <p><a href="/polls">Back to polls</a></p>
    </Page>,
  );
}

async function find(deps: DashboardDeps, id: string): Promise<Poll | undefined> {
  try {
    return await deps.services.polls.get(id);
  } catch (err) {
    if (err instanceof UserError) return undefined;
    throw err;
  }
}

export function pollRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  app.get('/polls', (c) => listPage(c, deps));

  app.post('/polls', async (c) => {
    const body = await c.req.parseBody();
    const draft: Draft = { question: field(body, 'question'), options: field(body, 'options'), closes: field(body, 'closes'), max: field(body, 'max'), public: field(body, 'public') === '1', hideResults: field(body, 'hideResults') === '1', comments: field(body, 'comments') === '1' };
    const max = Number(draft.max) || 1;
    const result = await act(c, deps, 'poll', 'create', {
      question: draft.question,
      options: draft.options.split('\n').map((l) => l.trim()).filter(Boolean),
      closes: draft.closes || undefined,
      max: max > 1 ? max : undefined,
      public: draft.public || undefined,
      hideResults: draft.hideResults || undefined,
      comments: draft.comments || undefined,
      everywhere: true,
    });
    if (!result.ok) return listPage(c, deps, draft, 422);
    return c.redirect('/polls', 303);
  });

  app.get('/polls/:id', async (c) => {
    const poll = await find(deps, c.req.param('id'));
    return poll ? pollPage(c, deps, poll) : c.notFound();
  });

  for (const action of ['close', 'remind'] as const) {
    app.post(`/polls/:id/${action}`, async (c) => {
      const poll = await find(deps, c.req.param('id'));
      if (!poll) return c.notFound();
      await act(c, deps, 'poll', action, { id: poll.id });
      return c.redirect(`/polls/${poll.id}`, 303);
    });
  }

  // The results chart as the chat posts it (PNG, issue 17's renderer); not while the poll hides its tally.
  app.get('/polls/:id/chart.png', async (c) => {
    const poll = await find(deps, c.req.param('id'));
    if (!poll || (isOpen(poll) && poll.hideResults)) return c.notFound();
    const chart = await renderChart(pollChartData(poll, await deps.services.polls.tally(poll.id), deps.services.config.BOT_TIMEZONE));
    return c.body(Buffer.from(chart.png), 200, { 'Content-Type': 'image/png', 'Content-Disposition': `attachment; filename="${chartFilename(poll)}"` });
  });

  for (const [suffix, kind] of [['votes.csv', 'text/csv'], ['report.pdf', 'application/pdf'], ['report.md', 'text/markdown']] as const) {
    app.get(`/polls/:id/${suffix}`, async (c) => {
      const poll = await find(deps, c.req.param('id'));
      if (!poll) return c.notFound();
      const result = await runCommand(deps.registry, deps.services, c.get('user'), 'poll', 'export', { id: poll.id });
      const file = result.messages.flatMap((m) => m.attachments ?? []).find((a) => a.contentType === kind);
      if (!result.ok || !file) {
        await notify(c, deps, noticeOf(result) || 'The export could not be made.', false);
        return c.redirect(`/polls/${poll.id}`, 303);
      }
      return c.body(typeof file.content === 'string' ? file.content : Buffer.from(file.content), 200, {
        'Content-Type': kind === 'application/pdf' ? kind : `${kind}; charset=utf-8`,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
      });
    });
  }
}
