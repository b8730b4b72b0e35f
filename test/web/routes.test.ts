// Every dashboard route, three ways an attacker or a lapsed leader would try it: signed out (→ the sign-in
// explanation), as a member (→ 403, session ended) and, for forms, without the CSRF token (→ 403, nothing changed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, type Web, web } from './harness.js';

let w: Web;
let ids: { announcement: string; event: string; poll: string };

beforeAll(async () => {
  w = await web();
  await w.h.run('/announce at "2026-12-01 09:00" "CEU webinar on ethics"');
  await w.h.run('/event add "CRSS exam prep" --at "2026-12-03 12:00"');
  await w.h.run('/poll create "Meet monthly?" "Yes" "No" --everywhere');
  ids = {
    announcement: (await w.h.services.announce.announcements.upcoming())[0]!.id,
    event: (await w.h.services.announce.events.upcoming())[0]!.id,
    poll: (await w.h.services.polls.listOpen())[0]!.poll.id,
  };
});
afterAll(() => w.h.close());

const gets = () => ['/', '/announcements', `/announcements/${ids.announcement}/edit`, '/events', `/events/${ids.event}/edit`, '/polls', `/polls/${ids.poll}`, `/polls/${ids.poll}/votes.csv`, `/polls/${ids.poll}/report.md`, '/questions', '/audit'];
const posts = () => ['/signout', '/announcements', `/announcements/${ids.announcement}`, `/announcements/${ids.announcement}/cancel`, '/events', `/events/${ids.event}`, `/events/${ids.event}/cancel`, '/polls', `/polls/${ids.poll}/close`, `/polls/${ids.poll}/remind`, '/questions/teach'];

describe('dashboard routes', () => {
  it('signed out: every page and form redirects to the sign-in explanation', async () => {
    for (const path of gets()) {
      const res = await w.get(path);
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/signin']);
    }
    for (const path of posts()) {
      const res = await w.post(path, { text: 'x' });
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/signin']);
    }
    const explanation = await w.get('/signin');
    expect(await explanation.text()).toContain('/niapp dashboard');
  });

  it('a member (or a leader who lost the role) gets 403 on every route, and the session ends', async () => {
    for (const path of [...gets(), ...posts()]) {
      const { cookie } = await w.staleSession(MEMBER);
      const isPost = posts().includes(path) && !gets().includes(path);
      const res = isPost ? await w.post(path, {}, cookie) : await w.get(path, cookie);
      expect([path, res.status]).toEqual([path, 403]);
      expect(await res.text()).toContain('not leadership');
      expect((await w.get('/', cookie)).status).toBe(303);
    }
  });

  it('a form without the CSRF token is refused with 403 and changes nothing', async () => {
    const { cookie, csrf } = await w.signIn();
    expect(csrf).toMatch(/^[\w-]{43}$/);
    for (const path of posts()) {
      const res = await w.post(path, { text: 'Injected', when: '', question: 'Q?', options: 'A\nB', title: 'T', at: 'tomorrow 9am' }, cookie);
      expect([path, res.status]).toEqual([path, 403]);
      const wrong = await w.post(path, { _csrf: 'x'.repeat(43) }, cookie);
      expect([path, wrong.status]).toEqual([path, 403]);
    }
    expect((await w.h.services.announce.announcements.upcoming()).map((s) => s.id)).toEqual([ids.announcement]);
    expect((await w.h.services.announce.events.upcoming()).map((e) => [e.id, e.title])).toEqual([[ids.event, 'CRSS exam prep']]);
    expect((await w.h.services.polls.listOpen()).map((p) => p.poll.id)).toEqual([ids.poll]);
    expect(w.h.said.filter((s) => s.text.includes('Injected'))).toEqual([]);
  });

  it('a leader sees every page, under the strict CSP, with no inline script or style', async () => {
    const { cookie } = await w.signIn();
    for (const path of gets()) {
      const res = await w.get(path, cookie);
      expect([path, res.status]).toEqual([path, 200]);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      if (res.headers.get('content-type')?.startsWith('text/html')) {
        const html = await res.text();
        expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
        expect(html).toContain('name="_csrf"');
      }
    }
    const css = await w.get('/static/dashboard.css');
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('sign-out ends the session on the server', async () => {
    const { cookie, csrf } = await w.signIn();
    expect((await w.post('/signout', { _csrf: csrf }, cookie)).status).toBe(200);
    expect((await w.get('/', cookie)).status).toBe(303);
  });
});
