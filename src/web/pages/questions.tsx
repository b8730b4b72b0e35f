// Questions: the unanswered queue (grouped by similar wording) with one-click "teach" to a knowledge entry, and
// the knowledge entries with their verified and review-by dates. Teaching goes through the knowledge service.
import type { Hono } from 'hono';
import type { DashboardDeps, WebEnv } from '../context.js';
import { field, notify, takeFlash } from '../context.js';
import { UserError } from '../../core/errors.js';
import { clip, plural, when } from '../format.js';
import { Csrf, Page } from '../layout.js';

const QUEUE_DAYS = 30;

export function questionRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  const { knowledge, clock, config } = deps.services;

  app.get('/questions', async (c) => {
    const zone = config.BOT_TIMEZONE;
    const csrf = c.get('session').csrf;
    const groups = await deps.services.knowledge.unansweredGroups(new Date(clock.now().getTime() - QUEUE_DAYS * 86_400_000));
    const entries = [...knowledge.entries].sort((a, b) => a.verified.localeCompare(b.verified));
    return c.html(
      <Page title="Questions" path="/questions" user={c.get('user')} csrf={csrf} flash={await takeFlash(c, deps)}>
        <section aria-labelledby="queue">
          <h2 id="queue">Unanswered in the last {QUEUE_DAYS} days ({groups.length})</h2>
          <p>Questions the bot could not answer confidently, without who asked. Teach one to the entry that answers it, and the bot will answer it next time.</p>
          {groups.length ? (
            <ul class="queue">
              {groups.map((g, i) => (
                <li>
                  <p class="question">“{g.text}”</p>
                  <p class="meta">Asked {plural(g.count, 'time')}, last {when(g.last, zone)}</p>
                  <form method="post" action="/questions/teach" class="teach">
                    <Csrf token={csrf} />
                    <input type="hidden" name="question" value={g.text} />
                    {g.suggestions.map((s) => (
                      <button type="submit" name="entry" value={s.id}>
                        Teach to “{clip(s.title, 50)}”
                      </button>
                    ))}
                    <label for={`entry-${i}`}>or another entry</label>
                    <select id={`entry-${i}`} name="other">
                      <option value="">Choose an entry…</option>
                      {knowledge.entries.map((e) => <option value={e.id}>{e.title}</option>)}
                    </select>
                    <button type="submit" name="entry" value="">Teach to the chosen entry</button>
                  </form>
                </li>
              ))}
            </ul>
          ) : <p>No unanswered questions. Well done.</p>}
        </section>
        <section aria-labelledby="entries">
          <h2 id="entries">Knowledge entries ({entries.length})</h2>
          <p>Oldest verification first. Entries are files in <code>{config.KNOWLEDGE_DIR}</code>, reviewed by leadership.</p>
          <table>
            <thead><tr><th scope="col">Entry</th><th scope="col">Topic</th><th scope="col">Verified</th><th scope="col">Review by</th><th scope="col">Confidence</th></tr></thead>
            <tbody>
              {entries.map((e) => <tr><td>{e.title} <code>{e.id}</code></td><td>{e.topic}</td><td class="date">{e.verified}</td><td class="date">{e.reviewBy}</td><td>{e.confidence}</td></tr>)}
            </tbody>
          </table>
        </section>
      </Page>,
    );
  });

  app.post('/questions/teach', async (c) => {
    const body = await c.req.parseBody();
    const question = field(body, 'question').trim();
    const entryId = field(body, 'entry') || field(body, 'other');
    const entry = knowledge.get(entryId);
    if (!question || !entry) {
      await notify(c, deps, entry ? 'The question is missing; nothing was taught.' : 'Choose the entry that answers the question; nothing was taught.', false);
      return c.redirect('/questions', 303);
    }
    const user = c.get('user');
    try {
      await deps.services.knowledge.teach(question, entry.id, { id: user.id, name: user.name, platform: user.platform });
    } catch (err) {
      // What chat would say (too long, no words to match, crisis text), on the page; nothing was taught.
      if (!(err instanceof UserError)) throw err;
      await notify(c, deps, err.message, false);
      return c.redirect('/questions', 303);
    }
    await notify(c, deps, `Taught “${clip(question, 80)}” to “${entry.title}”.`, true);
    return c.redirect('/questions', 303);
  });
}
