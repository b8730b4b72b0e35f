// Sign-in links and sessions, attacked: reuse, expiry, a link that leaked from a member, a lost role, guessing,
// a forged sign-in form, and a database reader looking for usable secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEADER_TRUST_MS } from '../../src/web/app.js';
import { LINK_TTL_MS } from '../../src/web/sessions.js';
import { LEAD, MEMBER, type Web, cookieOf, web } from './harness.js';

let w: Web;
beforeAll(async () => {
  w = await web();
});
afterAll(() => w.h.close());

/** Opens the link and, when it shows the sign-in button, presses it (a used or expired link shows no button). */
async function confirm(app: Web['app'], token: string) {
  const page = await app.request(`/signin/${token}`);
  if (page.status !== 200) return page;
  const pre = /name="_pre" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return app.request('/signin', { method: 'POST', body: new URLSearchParams({ token, _pre: pre }), headers: { cookie: cookieOf(page, 'niapp_signin') } });
}

describe('sign-in links', () => {
  it('work once: the second use, even from another replica, gets no session', async () => {
    const token = await w.sessions.issueLink(LEAD);
    const first = await confirm(w.fresh(), token);
    expect(first.status).toBe(303);
    const second = await confirm(w.fresh(), token);
    expect(second.status).toBe(410);
    expect(cookieOf(second, 'niapp_session')).toBe('');
  });

  it('two tabs (or replicas) racing with one link: exactly one session', async () => {
    const token = await w.sessions.issueLink(LEAD);
    const apps = [w.fresh(), w.fresh(), w.fresh()];
    const pages = await Promise.all(apps.map((a) => a.request(`/signin/${token}`)));
    const forms = await Promise.all(pages.map(async (p) => ({ pre: /name="_pre" value="([^"]+)"/.exec(await p.text())?.[1] ?? '', cookie: cookieOf(p, 'niapp_signin') })));
    const res = await Promise.all(apps.map((a, i) => a.request('/signin', { method: 'POST', body: new URLSearchParams({ token, _pre: forms[i]!.pre }), headers: { cookie: forms[i]!.cookie } })));
    expect(res.map((r) => r.status).sort()).toEqual([303, 410, 410]);
  });

  it('opening the link only shows a button (a link preview does not use it up)', async () => {
    const token = await w.sessions.issueLink(LEAD);
    for (let i = 0; i < 3; i++) expect((await w.fresh().request(`/signin/${token}`)).status).toBe(200);
    expect((await confirm(w.fresh(), token)).status).toBe(303);
  });

  it('expire after 10 minutes', async () => {
    const token = await w.sessions.issueLink(LEAD);
    w.h.clock.advance(LINK_TTL_MS + 1000);
    expect((await confirm(w.fresh(), token)).status).toBe(410);
  });

  it("a member's link opens nothing (leadership is checked again at sign-in)", async () => {
    const token = await w.sessions.issueLink(MEMBER);
    expect((await confirm(w.fresh(), token)).status).toBe(410);
  });

  it('a sign-in form posted from elsewhere (no matching pre-session cookie) is refused', async () => {
    const token = await w.sessions.issueLink(LEAD);
    const res = await w.fresh().request('/signin', { method: 'POST', body: new URLSearchParams({ token, _pre: 'forged-value-forged-value' }) });
    expect(res.status).toBe(403);
    expect((await confirm(w.fresh(), token)).status).toBe(303);
  });

  it('guessing is rate-limited', async () => {
    const app = w.fresh();
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) codes.push((await app.request(`/signin/${'a'.repeat(43)}`)).status);
    expect(codes.slice(0, 20).every((c) => c === 410)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429, 429, 429, 429]);
    // Bogus links (behind a proxy, everyone may share one address) cannot lock a leader with a real link out.
    const token = await w.sessions.issueLink(LEAD);
    expect((await confirm(app, token)).status).toBe(303);
  });

  it('a sign-in form with neither the page value nor its cookie is refused (two missing secrets are not equal)', async () => {
    const token = await w.sessions.issueLink(LEAD);
    const res = await w.fresh().request('/signin', { method: 'POST', body: new URLSearchParams({ token }) });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('niapp_session');
  });

  it('the store holds no usable link or session secret', async () => {
    const token = await w.sessions.issueLink(LEAD);
    const { cookie } = await w.signIn();
    const sid = cookie.split('=')[1]!;
    const rows = [...(await w.h.services.store.scan('dashboard-links', '')), ...(await w.h.services.store.scan('dashboard-sessions', ''))];
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(sid);
  });
});

describe('sessions', () => {
  it('cookie: HttpOnly, SameSite=Lax, 8 hours; Secure behind https', async () => {
    const plain = w.fresh('http://127.0.0.1:8787');
    const res = await confirm(plain, await w.sessions.issueLink(LEAD));
    const line = res.headers.getSetCookie().find((c) => c.startsWith('niapp_session='))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).toMatch(/Max-Age=28800/);
    expect(line).not.toMatch(/Secure/);
    const behindProxy = w.fresh('https://bot.example.org');
    const secure = await confirm(behindProxy, await w.sessions.issueLink(LEAD));
    expect(secure.headers.getSetCookie().find((c) => c.startsWith('niapp_session='))).toMatch(/Secure/);
  });

  it('a leader who loses the role loses the session within the trust window', async () => {
    w.leaders.add('carol');
    const carol = { platform: 'console' as const, id: 'carol', name: 'Carol' };
    const app = w.fresh();
    const { cookie } = await w.signIn(carol, app);
    expect((await app.request('/polls', { headers: { cookie } })).status).toBe(200);
    w.leaders.delete('carol');
    w.h.clock.advance(LEADER_TRUST_MS + 1);
    const refused = await app.request('/polls', { headers: { cookie } });
    expect(refused.status).toBe(403);
    w.leaders.add('carol');
    // The session is gone for good: regaining the role needs a new link.
    expect((await app.request('/polls', { headers: { cookie } })).status).toBe(303);
  });

  it('end after 8 hours', async () => {
    const app = w.fresh();
    const { cookie } = await w.signIn(LEAD, app);
    w.h.clock.advance(8 * 3_600_000 + 1);
    expect((await app.request('/', { headers: { cookie } })).status).toBe(303);
  });

  it('a made-up session cookie is a signed-out visitor', async () => {
    expect((await w.get('/', `niapp_session=${'x'.repeat(43)}`)).status).toBe(303);
    expect((await w.get('/', 'niapp_session=../../etc')).status).toBe(303);
  });
});
