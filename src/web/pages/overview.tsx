// Overview: what is coming and what needs attention, in numbers (no member names or ids).
import type { Hono } from 'hono';
import type { DashboardDeps, WebEnv } from '../context.js';
import { takeFlash } from '../context.js';
import { clip, plural, when } from '../format.js';
import { Page } from '../layout.js';

const WEEK_MS = 7 * 86_400_000;

export async function overviewData(deps: DashboardDeps) {
  const { announce, polls, clock } = deps.services;
  const now = clock.now();
  const since = new Date(now.getTime() - WEEK_MS);
  // Counts from the ordered indexes and a few rows of each list: nothing here reads a whole namespace.
  const [posts, postCounts, openPolls, events, eventCount, unanswered, failed, crisis] = await Promise.all([
    announce.announcements.page('once', 0, 5),
    announce.announcements.counts(),
    polls.page('open', 0, 8),
    announce.events.page(0, 5),
    announce.events.upcomingCount(),
    deps.services.knowledge.unansweredGroups(since),
    announce.outbox.problemsSince(since),
    deps.services.crisis.daily(7),
  ]);
  const [shownPolls, nextEvents] = await Promise.all([
    Promise.all(openPolls.polls.map(async (poll) => ({ poll, voters: (await polls.tally(poll.id)).voters }))),
    Promise.all(events.rows.map(async ({ event, start }) => ({ event, start, going: await announce.events.going(event.id) }))),
  ]);
  return {
    posts: posts.items.map((s) => ({ s, next: announce.scheduler.nextRun(s.id) ?? announce.announcements.nextRuns(s, 1)[0] })),
    postCount: postCounts.once,
    recurringCount: postCounts.every,
    polls: shownPolls,
    openCount: openPolls.total,
    events: nextEvents,
    eventCount,
    unanswered: unanswered.reduce((n, g) => n + g.count, 0),
    failed,
    crisis,
  };
}

export function overviewRoutes(app: Hono<WebEnv>, deps: DashboardDeps): void {
  app.get('/', async (c) => {
    const zone = deps.services.config.BOT_TIMEZONE;
    const d = await overviewData(deps);
    const crisisTotal = d.crisis.reduce((n, x) => n + x.count, 0);
    return c.html(
      <Page title="Overview" path="/" user={c.get('user')} csrf={c.get('session').csrf} flash={await takeFlash(c, deps)}>
        <ul class="stats" aria-label="This week in numbers">
          <li><a href="/announcements"><strong>{d.postCount + d.recurringCount}</strong> scheduled announcements ({d.recurringCount} recurring)</a></li>
          <li><a href="/polls"><strong>{d.openCount}</strong> open polls</a></li>
          <li><a href="/events"><strong>{d.eventCount}</strong> upcoming events</a></li>
          <li><a href="/questions"><strong>{d.unanswered}</strong> unanswered questions this week</a></li>
          <li><a href="/audit?action=failed"><strong>{d.failed}</strong> failed posts this week</a></li>
          <li><strong>{crisisTotal}</strong> crisis answers this week</li>
        </ul>
        <div class="grid">
          <section aria-labelledby="next-posts">
            <h2 id="next-posts">Next one-time posts</h2>
            {d.posts.length ? (
              <ul>{d.posts.map(({ s, next }) => <li><a href={`/announcements/${s.id}/edit`}>{clip(s.text, 80)}</a> — {when(next, zone)}</li>)}</ul>
            ) : <p>No one-time announcement is scheduled. <a href="/announcements">Compose one</a>.</p>}
          </section>
          <section aria-labelledby="open-polls">
            <h2 id="open-polls">Open polls</h2>
            {d.polls.length ? (
              <ul>{d.polls.map(({ poll, voters }) => <li><a href={`/polls/${poll.id}`}>{clip(poll.question, 80)}</a> — {plural(voters, 'response')}{poll.closesAt ? `, closes ${when(poll.closesAt, zone)}` : ', no deadline'}</li>)}</ul>
            ) : <p>No polls are open.</p>}
          </section>
          <section aria-labelledby="upcoming-events">
            <h2 id="upcoming-events">Upcoming events</h2>
            {d.events.length ? (
              <ul>{d.events.map(({ event, start, going }) => <li><a href={`/events/${event.id}/edit`}>{event.title}</a> — {when(start, zone)}, {going} going</li>)}</ul>
            ) : <p>No upcoming events.</p>}
          </section>
          <section aria-labelledby="crisis">
            <h2 id="crisis">Crisis answers per day</h2>
            <table>
              <caption class="visually-hidden">Crisis answers given in the last 7 days (counts only)</caption>
              <thead><tr><th scope="col">Day</th><th scope="col">Answers</th></tr></thead>
              <tbody>{d.crisis.map((x) => <tr><td>{x.day}</td><td>{x.count}</td></tr>)}</tbody>
            </table>
          </section>
        </div>
      </Page>,
    );
  });
}
