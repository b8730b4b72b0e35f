// Dashboard actions go through the chat commands' services and audit log: what a leader does on a page shows up
// where members see it, in the audit, and as the same refusals chat would give.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { member } from '../helpers/context.js';
import { type Web, web } from './harness.js';

let w: Web;
let s: { cookie: string; csrf: string };
beforeAll(async () => {
  w = await web();
  s = await w.signIn();
});
afterAll(() => w.h.close());

const post = (path: string, form: Record<string, string>) => w.post(path, { _csrf: s.csrf, ...form }, s.cookie);
const page = async (path: string) => (await w.get(path, s.cookie)).text();

describe('announcements', () => {
  it('compose "now" posts through the announcement service and writes the audit log under the leader', async () => {
    const res = await post('/announcements', { intent: 'send', text: 'Peer check-in moved to 10am', when: '', to: '' });
    expect(res.status).toBe(303);
    expect(w.h.said.filter((x) => x.kind === 'post' && x.text.includes('Peer check-in moved to 10am'))).toHaveLength(1);
    const audit = await w.h.services.announce.audit.recent(5);
    expect(audit.some((e) => e.action === 'posted')).toBe(true);
    expect(audit.find((e) => e.action === 'scheduled')?.actor).toEqual({ platform: 'console', id: 'operator', name: 'Operator' });
    expect(await page('/announcements')).toContain('Posted to console #console');
  });

  it('preview shows the next five runs and each platform, and stores nothing', async () => {
    const before = (await w.h.services.announce.announcements.upcoming()).length;
    const res = await post('/announcements', { intent: 'preview', text: 'Weekly check-in', when: 'every 0 9 * * 1', to: 'console' });
    const html = await res.text();
    expect(res.status).toBe(200);
    const runs = /Next runs[\s\S]*?<ol>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    expect(runs.match(/<li>/g)).toHaveLength(5);
    expect(runs).toContain('Mon, Nov 23, 2026, 9:00 AM CST');
    expect(html).toContain('Weekly check-in');
    expect((await w.h.services.announce.announcements.upcoming()).length).toBe(before);
  });

  it('bad input comes back on the page with what was wrong, the text kept, nothing stored', async () => {
    const before = (await w.h.services.announce.audit.recent(100)).length;
    const res = await post('/announcements', { intent: 'send', text: 'Keep this text <b>', when: 'every 99 99 * * *', to: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('class="notice bad"');
    expect(html).toContain('Keep this text &lt;b&gt;');
    expect((await w.h.services.announce.audit.recent(100)).length).toBe(before);
  });

  it('schedule, edit and cancel: the same service, each step audited', async () => {
    await post('/announcements', { intent: 'send', text: 'Training registration closes Friday', when: '2026-12-01 09:00', to: '' });
    const [sched] = (await w.h.services.announce.announcements.upcoming()).filter((x) => x.text.startsWith('Training'));
    expect(sched).toBeDefined();
    expect(await page(`/announcements/${sched!.id}/edit`)).toContain('2026-12-01 09:00');
    expect((await post(`/announcements/${sched!.id}`, { intent: 'send', text: 'Training registration closes Monday', when: '2026-12-01 09:00' })).status).toBe(303);
    expect((await w.h.services.announce.announcements.get(sched!.id))?.text).toBe('Training registration closes Monday');
    expect((await post(`/announcements/${sched!.id}/cancel`, {})).status).toBe(303);
    expect((await w.h.services.announce.announcements.get(sched!.id))?.cancelled).toBe(true);
    const actions = (await w.h.services.announce.audit.recent(50, sched!.id)).map((e) => e.action);
    expect(actions).toEqual(['scheduled', 'edited', 'cancelled']);
    const filtered = await page(`/audit?action=cancelled&q=${sched!.id}`);
    expect(filtered).toMatch(new RegExp(`<td>cancelled</td><td>Operator \\(console\\)</td><td>${sched!.id}</td>`));
    expect(filtered).toMatch(/1 matching entry on this page, newest first; \d+ in the log/);
  });
});

describe('events', () => {
  it('add and cancel run /event add and /event cancel', async () => {
    expect((await post('/events', { title: 'CRSS exam prep webinar', at: '2026-12-03 12:00', url: '', details: '', remind: '', to: '' })).status).toBe(303);
    const [e] = await w.h.services.announce.events.upcoming();
    expect(e?.title).toBe('CRSS exam prep webinar');
    await w.h.services.announce.events.toggleRsvp(e!.id, member('dana'));
    expect(await page('/events')).toMatch(/CRSS exam prep webinar[\s\S]*?<td>1<\/td>/);
    expect((await post(`/events/${e!.id}/cancel`, {})).status).toBe(303);
    expect(await w.h.services.announce.events.upcoming()).toEqual([]);
  });

  it('edit runs /event edit: the form keeps bad input with the reason; a good edit changes the event, its post and the audit', async () => {
    await post('/events', { title: 'Ethics CEU', at: '2026-12-04 12:00', url: '', details: '', remind: '', to: '' });
    const e = (await w.h.services.announce.events.upcoming()).find((x) => x.title === 'Ethics CEU')!;
    const form = await page(`/events/${e.id}/edit`);
    expect(form).toContain('value="Ethics CEU"');
    expect(form).toContain('name="duration" type="text" value="1h"');

    const bad = await post(`/events/${e.id}`, { title: 'Ethics CEU (room 4)', url: '', details: '', duration: 'forever' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/class="notice bad">[^<]*&quot;forever&quot; is not a duration/);
    expect(badHtml).toContain('value="Ethics CEU (room 4)"'); // what was typed stays in the form
    expect((await w.h.services.announce.events.events.get(e.id))?.title).toBe('Ethics CEU');

    const same = await post(`/events/${e.id}`, { title: 'Ethics CEU', url: '', details: '', duration: '1h' });
    expect(same.status).toBe(422);
    expect(await same.text()).toContain('Nothing was changed');

    const posts = w.h.said.length;
    const ok = await post(`/events/${e.id}`, { title: 'Ethics CEU (room 4)', url: 'https://niapp.example.org/ceu', details: '', duration: '90m' });
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/events']);
    const after = (await w.h.services.announce.events.events.get(e.id))!;
    expect([after.title, after.url, Date.parse(after.end!) - Date.parse(after.at), after.sequence]).toEqual(['Ethics CEU (room 4)', 'https://niapp.example.org/ceu', 90 * 60_000, 1]);
    expect(w.h.said.slice(posts).filter((x) => x.kind === 'update').map((x) => x.message.title)).toEqual(['Ethics CEU (room 4)']); // the posted event follows
    expect((await w.h.services.announce.audit.recent(1))[0]).toMatchObject({ action: 'edited', scheduleId: e.id, actor: { id: 'operator' } });
    expect(await page('/events')).toContain('Event ' + e.id + ' is now');

    // Emptying the link on the form removes it (chat: --url none); it does not report a change it did not make.
    const cleared = await post(`/events/${e.id}`, { title: 'Ethics CEU (room 4)', url: '', details: '', duration: '1h 30m' });
    expect(cleared.status).toBe(303);
    expect((await w.h.services.announce.events.events.get(e.id))?.url).toBeUndefined();
  });

  it('the calendar feed is served by the dashboard without a session; a wrong secret gets 404; leaders see the address', async () => {
    const path = await w.h.services.announce.feed.feedPath();
    expect(await page('/events')).toContain(`http://127.0.0.1:8787${path}`);
    const res = await w.get(path);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    expect(cal.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('summary')))).toContain('Ethics CEU (room 4)');
    const wrong = await w.get(path.replace(/.\.ics$/, (m) => `${m[0] === 'x' ? 'y' : 'x'}.ics`));
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain('VCALENDAR');
  });
});

describe('polls', () => {
  it('create, vote in chat, see the chart and table, download CSV and report, close — anonymous pages show no ids', async () => {
    expect((await post('/polls', { question: 'Top issue for 2027?', options: 'Pay\nSupervision\nBilling', closes: '', max: '1', comments: '1' })).status).toBe(303);
    const { poll } = (await w.h.services.polls.listOpen()).find((p) => p.poll.question === 'Top issue for 2027?')!;
    const voters = ['u-voter-1', 'u-voter-2', 'u-voter-3', 'u-voter-4', 'u-voter-5'];
    for (const [i, id] of voters.entries()) {
      await w.h.services.polls.vote(poll.id, member(id), { kind: 'set', choices: [i % 2] });
      await w.h.services.polls.comment(poll.id, member(id), `Comment ${i}, mail me at ${id}@example.org`);
    }
    const html = await page(`/polls/${poll.id}`);
    expect(html).toContain('role="img"');
    // Each option is isolated (U+2068 … U+2069) so a right-to-left one cannot swap the numbers beside it.
    expect(html).toMatch(/\u2068Pay\u2069: 3 \(60%\); \u2068Supervision\u2069: 2 \(40%\); \u2068Billing\u2069: 0 \(0%\)/);
    expect(html).toMatch(/<th scope="row">Pay<\/th><td>3<\/td><td>60%<\/td>/);
    // Open and anonymous: comments wait for the close, and the export holds the counts only.
    expect(html).not.toContain('[e-mail removed]');
    expect(html).toContain('Shown when the poll closes.');
    for (const id of [...voters, 'operator']) expect(html).not.toContain(id);

    const csv = await w.get(`/polls/${poll.id}/votes.csv`, s.cookie);
    expect(csv.headers.get('content-disposition')).toContain(`poll-${poll.id}-counts.csv`);
    const csvText = await csv.text();
    for (const id of voters) expect(csvText).not.toContain(id);

    const png = await w.get(`/polls/${poll.id}/chart.png`, s.cookie);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');

    expect((await post(`/polls/${poll.id}/close`, {})).status).toBe(303);
    expect((await w.h.services.polls.get(poll.id)).closedAt).toBeDefined();
    const closed = await page(`/polls/${poll.id}`);
    expect(closed).toContain('is closed with 5 voters');
    expect(closed).toContain('[e-mail removed]');
    for (const id of voters) expect(closed).not.toContain(id);
    const report = await (await w.get(`/polls/${poll.id}/report.md`, s.cookie)).text();
    expect(report).toContain('# Top issue for 2027?');
    // 3 and 2 of 5: both under 5, so both are withheld (and 5 − 3 would give the 2 away).
    expect(report).not.toContain('| Pay | 3 |');
    const pdf = await w.get(`/polls/${poll.id}/report.pdf`, s.cookie);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page('/polls')).toMatch(/Closed \(1\)[\s\S]*Top issue for 2027\?/);
  });

  it('closing twice gives the chat refusal on the page', async () => {
    const created = await w.h.run('/poll create "Lunch?" "Yes" "No" --everywhere');
    expect(created.length).toBeGreaterThan(0);
    const id = (await w.h.services.polls.listOpen()).find((p) => p.poll.question === 'Lunch?')!.poll.id;
    await post(`/polls/${id}/close`, {});
    await post(`/polls/${id}/close`, {});
    expect(await page(`/polls/${id}`)).toContain(`Poll ${id} is already closed.`);
  });

  it('an open poll that hides its results shows neither results nor downloads', async () => {
    await w.h.run('/poll create "Secret?" "Yes" "No" --hide-results --everywhere');
    const id = (await w.h.services.polls.listOpen()).find((p) => p.poll.question === 'Secret?')!.poll.id;
    await w.h.services.polls.vote(id, member('u1'), { kind: 'set', choices: [0] });
    const html = await page(`/polls/${id}`);
    expect(html).toContain('hides its tally until it closes');
    expect(html).not.toContain('votes.csv');
    const csv = await w.get(`/polls/${id}/votes.csv`, s.cookie);
    expect(csv.status).toBe(303);
  });
});

describe('questions', () => {
  it('teach takes a question out of the queue; the overview counts the week', async () => {
    await w.h.services.knowledge.ask('can my supervisor sign my hours from another state zzqx');
    await w.h.services.knowledge.ask('can my supervisor sign my hours from another state zzqx');
    const before = await page('/questions');
    expect(before).toContain('Asked 2 times');
    expect(await page('/')).toMatch(/<strong>2<\/strong> unanswered questions this week/);
    const entry = w.h.services.knowledge.entries[0]!;
    expect((await post('/questions/teach', { question: 'can my supervisor sign my hours from another state zzqx', entry: '', other: entry.id })).status).toBe(303);
    const after = await page('/questions');
    expect(after).toContain(`Taught “can my supervisor sign my hours from another state zzqx” to “${entry.title.replace(/&/g, '&amp;')}”`);
    expect(after).not.toContain('Asked 2 times');
    // The teach is on the Audit page, under the leader, with the other leadership actions.
    const audit = await page('/audit?action=taught');
    expect(audit).toContain(`can my supervisor sign my hours from another state zzqx&quot; → ${entry.id}`);
    expect(audit).toMatch(/operator/i);
  });

  it('teach that chat would refuse (no words to match) says why on the page instead of failing', async () => {
    const entry = w.h.services.knowledge.entries[0]!;
    const res = await post('/questions/teach', { question: '🌽🌽🌽 ???', entry: entry.id, other: '' });
    expect(res.status).toBe(303);
    expect(await page('/questions')).toContain('That question has no words I can match on.');
  });

  it('teach without an entry says so and changes nothing', async () => {
    await post('/questions/teach', { question: 'x', entry: '', other: '' });
    expect(await page('/questions')).toContain('Choose the entry that answers the question');
  });
});
