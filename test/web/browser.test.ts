// End to end in Debian's headless Chromium: the real console bot process with its dashboard on a free port.
// A leader signs in with the link the console prints, composes an announcement and sees it posted in the console,
// closes a poll members voted on and downloads its report, teaches an unanswered question, edits an event (and
// reads it back from the calendar feed the dashboard serves) — and every page
// passes axe-core (no serious or critical violations) and is saved as a screenshot.
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../helpers/process.js';
import { freePort } from '../helpers/wait.js';
import { axeSerious, browserTestsRun, launch } from './browser.js';

const SHOTS = process.env.DASHBOARD_SCREENSHOTS ?? join(tmpdir(), 'niapp-dashboard-screenshots');
const PAGES = [
  ['overview', '/'],
  ['announcements', '/announcements'],
  ['events', '/events'],
  ['polls', '/polls'],
  ['questions', '/questions'],
  ['audit', '/audit'],
] as const;

describe.runIf(browserTestsRun())('dashboard in Chromium', { timeout: 60_000 }, () => {
  let bot: RunningBot;
  let browser: BrowserContext;
  let page: Page;
  let base: string;
  let pollId: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    bot = startBot({ DASHBOARD_PORT: String(port) });
    bot.send('/poll "Should we meet monthly?" "Yes" "No"');
    await bot.waitFor(/Poll (\w+) is posted/, 90_000);
    pollId = /Poll (\w+) is posted/.exec(bot.stdout())![1]!;
    for (const [who, press] of [['alice', 1], ['bob', 1], ['carol', 2]] as const) bot.send(`@${who} /press ${press}`);
    bot.send('/announce every "0 9 * * 1" "Weekly peer check-in, Mondays 10am on Zoom"');
    bot.send('/poll "Top issue for 2027?" "Pay" "Supervision" "Billing"');
    bot.send('/cert can my supervisor sign hours from another state zzqx');
    bot.send('/event add "CRSS exam prep webinar" --at "2030-12-03 12:00" --url https://niapp.org/webinar');
    bot.send('/niapp dashboard');
    await bot.waitFor(/signin\/[\w-]{43}/, 60_000);
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
    page = await browser.newPage();
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && cspViolations.push(m.text()));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it('signs in with the link from the console and lands on the overview', async () => {
    const link = new RegExp(`${base}/signin/[\\w-]{43}`).exec(bot.stdout())![0];
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.locator('h1').textContent()).toBe('Overview');
    expect(await page.locator('.stats').textContent()).toContain('2 open polls');
    // The link was used: opening it again signs nobody in.
    const again = await (await browser.newPage()).goto(link);
    expect(again?.status()).toBe(410);
  });

  it('composes an announcement that the bot posts in the console', async () => {
    await page.goto(`${base}/announcements`);
    await page.getByLabel('Text').fill('Peer check-in moves to 10am this Thursday');
    await page.getByRole('button', { name: 'Preview' }).click();
    expect(await page.locator('.preview').textContent()).toContain('Peer check-in moves to 10am this Thursday');
    await page.getByRole('button', { name: 'Post or schedule' }).click();
    await expectStatus(page, 'Posted to console #console');
    await bot.waitFor(/posted in #console[^\n]*\n(  .*\n)*  Peer check-in moves to 10am this Thursday/);
  });

  it('closes a poll and downloads its report', async () => {
    await page.goto(`${base}/polls/${pollId}`);
    // Read as a screen reader does: the direction isolates around each option are invisible.
    expect((await page.locator('figure.chart figcaption').textContent())?.replace(/[\u2068\u2069]/g, '')).toContain('Yes: 2 (67%); No: 1 (33%)');
    await page.getByRole('button', { name: 'Close poll now' }).click();
    await expectStatus(page, `Poll ${pollId} is closed with 3 voters`);
    await bot.waitFor(/FINAL RESULTS|final results|closed/i);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the advocacy report (Markdown)' }).click()]);
    expect(download.suggestedFilename()).toBe(`poll-${pollId}-report.md`);
    const report = readFileSync((await download.path())!, 'utf8');
    expect(report).toContain('# Should we meet monthly?');
    expect(report).toContain('Fewer than 5 members responded');
  });

  it('teaches an unanswered question to an entry', async () => {
    await page.goto(`${base}/questions`);
    const item = page.locator('.queue > li', { hasText: 'zzqx' });
    await page.screenshot({ path: join(SHOTS, 'questions-queue.png') });
    await item.getByRole('button', { name: /^Teach to “/ }).first().click();
    await expectStatus(page, 'Taught “can my supervisor sign hours from another state zzqx”');
    expect(await page.locator('.queue').count()).toBe(0);
  });

  it('edits an event on the events page; the feed the dashboard serves follows', async () => {
    await page.goto(`${base}/events`);
    await page.getByRole('link', { name: /^Edit event e[0-9a-f]{4}$/ }).first().click();
    expect(await page.locator('h1').textContent()).toMatch(/^Edit event e[0-9a-f]{4}$/);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByLabel('How long it lasts').fill('forever');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectStatus(page, '"forever" is not a duration');
    expect(await page.getByLabel('How long it lasts').inputValue()).toBe('forever');
    await page.getByLabel('Title').fill('CRSS exam prep webinar (new room)');
    await page.getByLabel('How long it lasts').fill('90m');
    await page.screenshot({ path: join(SHOTS, 'event-edit.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`${base}/events`);
    await expectStatus(page, 'is now CRSS exam prep webinar (new room)');
    const feed = (await page.locator('a.feed-link').getAttribute('href'))!;
    const ics = await (await page.request.get(`${base}${feed}`)).text();
    expect(ics).toContain('SUMMARY:CRSS exam prep webinar (new room)');
  });

  // Per page, so that a slow, shared machine gets a timeout per page rather than for all of them.
  for (const [name, path] of [...PAGES, ['poll', '']] as const) {
    it(`${name}: no serious or critical axe-core violations; screenshot saved`, async () => {
      await page.goto(`${base}${path || `/polls/${pollId}`}`);
      expect(await axeSerious(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    }, 60_000);
  }

  it('keyboard: the first Tab reaches a visible skip link that moves focus to the content; no CSP violations', async () => {
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === (globalThis as unknown as Dom).document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    expect(await skip.evaluate((el) => (globalThis as unknown as Dom).getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(`${base}/#main`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as Dom).document.activeElement?.closest('main') != null)).toBe(true);
    expect(cspViolations).toEqual([]);
  });

  it('signs out', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.locator('h1').textContent()).toBe('Signed out');
    await page.goto(`${base}/polls`);
    expect(page.url()).toBe(`${base}/signin`);
  });
});

/** The few DOM globals the page-side callbacks use (the project's tsconfig has no DOM lib). */
type Dom = { document: { activeElement: { closest(s: string): unknown } | null }; getComputedStyle(el: unknown): { outlineStyle: string } };

async function expectStatus(page: Page, text: string): Promise<void> {
  expect(await page.getByRole('status').first().textContent()).toContain(text);
}
