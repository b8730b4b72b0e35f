// Scheduled polls across restarts, with real bot processes over one sqlite file and a faked Date in each
// (test/helpers/fake-date.mjs: each process starts at the instant the test names; nothing waits for the wall
// clock). A poll scheduled once and a recurring one are posted exactly once by two replicas started together
// after their time; a later restart posts nothing again; after the polls' duration a restart closes them and
// posts the results with the chart written to a file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, startBot, tempDb } from '../helpers/process.js';
import { until } from '../helpers/wait.js';

const preload = `--import=${join(root, 'test', 'helpers', 'fake-date.mjs')}`;
const botAt = (db: string, now: string) => {
  const bot = startBot({ BOT_DB: db, ANNOUNCE_GRACE: '1h', LOG_LEVEL: 'info', FAKE_NOW: now, NODE_OPTIONS: preload });
  const ready = () =>
    until(() => /"msg":"ready"/.test(bot.stderr()), 90_000, `the bot at ${now} to be ready`).catch((err: Error) => {
      throw new Error(`${err.message}\nstdout:\n${bot.stdout()}\nstderr:\n${bot.stderr()}`);
    });
  return { ...bot, ready };
};
const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0;
const NEW_POLL = /» posted in #console \(m\d+\)\n {2}MEMBER POLL\n/;
const RESULTS = /» posted in #console \(m\d+\)\n {2}POLL CLOSED — FINAL RESULTS\n/;

describe('scheduled polls across restarts (real processes, faked Date)', () => {
  it('posts each occurrence once (two replicas), never again after a restart, and closes with a chart after its duration', { timeout: 400_000 }, async () => {
    const db = tempDb();
    // Tue Dec 1 2026, 9:00 CST: schedule one poll for Monday Dec 7, 9:00 and one every Monday 9:00.
    const first = botAt(db, '2026-12-01T15:00:00Z');
    first.send('/poll schedule "Meet in person in January?" "Yes" "No" --at "2026-12-07 09:00" --open 2d');
    first.send('/poll schedule "How are you doing this week?" "Good" "OK" "Struggling" --every "0 9 * * 1" --open 1d');
    await first.waitFor(/SCHEDULED: POLL \w+[\s\S]*SCHEDULED: POLL \w+/, 90_000);
    first.send('/poll schedules');
    await first.waitFor(/SCHEDULED POLLS \(2\)/);
    expect(first.stdout()).toContain('Next: Mon, Dec 7, 2026, 9:00 AM CST');
    expect(await first.terminate()).toBe(0);
    expect(first.stdout()).not.toMatch(NEW_POLL);

    // Monday 9:01: two replicas start together; the outbox lets one of them post each poll.
    const [a, b] = [botAt(db, '2026-12-07T15:01:00Z'), botAt(db, '2026-12-07T15:01:00Z')];
    await until(() => count(a.stdout() + b.stdout(), NEW_POLL) >= 2, 90_000, 'both polls to be posted').catch((err: Error) => {
      throw new Error(`${err.message}\nA:\n${a.stdout()}\n${a.stderr()}\nB:\n${b.stdout()}\n${b.stderr()}`);
    });
    await Promise.all([a.ready(), b.ready()]);
    const poster = count(a.stdout(), NEW_POLL) ? a : b;
    poster.send('@alice /press 1');
    await poster.waitFor(/Your vote is recorded/);
    expect([await a.terminate(), await b.terminate()]).toEqual([0, 0]);
    expect(count(a.stdout() + b.stdout(), NEW_POLL)).toBe(2);
    expect(a.stdout() + b.stdout()).toContain('Meet in person in January?');
    expect(a.stdout() + b.stdout()).toContain('How are you doing this week?');

    // A restart a minute later: nothing is posted again.
    const again = botAt(db, '2026-12-07T15:02:00Z');
    await again.ready();
    again.send('/poll list');
    await again.waitFor(/OPEN POLLS/, 90_000);
    expect(await again.terminate()).toBe(0);
    expect(again.stdout()).not.toMatch(NEW_POLL);
    // Alice pressed the first button the console showed: on whichever of the two polls was posted first.
    expect(again.stdout()).toMatch(/(Meet in person in January\?|How are you doing this week\?) — 1 voter/);

    // Wednesday: both polls are past their duration; a start closes them and posts the results with the chart.
    const later = botAt(db, '2026-12-09T15:05:00Z');
    await later.waitFor(new RegExp(`${RESULTS.source}[\\s\\S]*${RESULTS.source}`), 90_000);
    await later.ready();
    later.send('/poll schedules');
    await later.waitFor(/SCHEDULED POLLS \(1\)/); // the one-off is done; the weekly one goes on
    expect(await later.terminate()).toBe(0);
    expect(later.stdout()).not.toMatch(NEW_POLL);
    const file = /file: (\S+\.png); image: Bar chart of the answers to "(?:Meet in person in January|How are you doing this week)\?"\. 1 response · closed [^)]*: 1 \(100%\)/.exec(later.stdout());
    expect(file, later.stdout()).not.toBeNull();
    expect(existsSync(file![1]!)).toBe(true);
    expect(later.stdout()).toContain('Next: Mon, Dec 14, 2026, 9:00 AM CST');
  });
});
