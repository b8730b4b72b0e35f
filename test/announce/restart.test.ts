// Restarts with real processes: the bot (`tsx src/main.ts`, console mode) over one temp sqlite file, stopped
// with SIGTERM and started again around scheduled posts. Each process runs with a faked Date
// (test/helpers/fake-date.mjs) starting at the instant the test names, so nothing waits for the wall clock and a
// slow start on a busy machine cannot move a post to the wrong side of a restart.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, startBot as start, tempDb } from '../helpers/process.js';
import { until } from '../helpers/wait.js';

const preload = `--import=${join(root, 'test', 'helpers', 'fake-date.mjs')}`;

/** The bot over one sqlite file, its Date starting at `now`; `stop()` sends SIGTERM, as a deploy does. */
function botAt(db: string, now: string, env: Record<string, string> = {}) {
  const bot = start({ BOT_DB: db, ANNOUNCE_GRACE: '1h', LOG_LEVEL: 'info', FAKE_NOW: now, NODE_OPTIONS: preload, ...env });
  const ready = () =>
    until(() => /"msg":"ready"/.test(bot.stderr()), 90_000, `the bot at ${now} to be ready`).catch((err: Error) => {
      throw new Error(`${err.message}\nstdout:\n${bot.stdout()}\nstderr:\n${bot.stderr()}`);
    });
  return { out: bot.stdout, err: bot.stderr, send: bot.send, waitFor: bot.waitFor, stop: bot.terminate, ready };
}

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0;
const posted = (text: string) => new RegExp(`» posted in #console \\(m\\d+\\)\\n {2}${text}`);

// Each bot start costs a few seconds (tsx compiles the sources), so the two tests run concurrently, each over
// its own sqlite file. Tue Dec 1 2026, 9:00 CST is 15:00 UTC.
describe.concurrent('restarts (real processes, one sqlite file each, faked Date)', { timeout: 300_000 }, () => {
  it('a post due while the bot was down is posted once after the restart (within grace), and never again after the next one', async () => {
    const db = tempDb();
    const first = botAt(db, '2026-12-01T15:00:00Z');
    first.send('/announce at "2026-12-01 10:00" "First post"');
    first.send('/announce at "2026-12-01 11:00" "Second post"');
    await first.waitFor(/Text: Second post/, 90_000);
    expect(await first.stop()).toBe(0);
    expect(first.out()).not.toMatch(/» posted in/);

    // 10:01: the first post is a minute late (within the hour of grace); the second is not due yet.
    const second = botAt(db, '2026-12-01T16:01:00Z');
    await second.waitFor(posted('First post'), 90_000);
    await second.ready();
    expect(await second.stop()).toBe(0);
    expect(count(second.out(), posted('First post'))).toBe(1);
    expect(second.out()).not.toMatch(posted('Second post'));

    // 11:01: the second post goes out once; the first, already posted, does not repeat.
    const third = botAt(db, '2026-12-01T17:01:00Z');
    await third.waitFor(posted('Second post'), 90_000);
    await third.ready();
    // The post is in the channel a moment before its delivery is written to the log.
    await until(() => /"msg":"occurrence delivered"/.test(third.err()), 90_000, 'the delivery to be recorded');
    third.send('/announce log');
    await third.waitFor(/ANNOUNCEMENT LOG[\s\S]*· posted \w+: occurrence[\s\S]*· posted \w+: occurrence/, 90_000);
    expect(await third.stop()).toBe(0);
    expect(count(third.out(), posted('Second post'))).toBe(1);
    expect(third.out()).not.toMatch(posted('First post'));
    expect(count(third.out(), /· scheduled \w+ by Operator/)).toBe(2);
  });

  it('down for longer than ANNOUNCE_GRACE → not posted, reported to the leader who scheduled it', async () => {
    const db = tempDb();
    const first = botAt(db, '2026-12-01T15:00:00Z', { ANNOUNCE_GRACE: '1s' });
    first.send('/announce at "2026-12-01 10:00" "Late post"');
    await first.waitFor(/SCHEDULED: ANNOUNCEMENT/, 90_000);
    expect(await first.stop()).toBe(0);

    // 10:30: half an hour late, far beyond a grace of one second.
    const second = botAt(db, '2026-12-01T16:30:00Z', { ANNOUNCE_GRACE: '1s' });
    await second.waitFor(/direct message to operator\n {2}A SCHEDULED POST NEEDS YOUR ATTENTION\n {2}Scheduled post \w+ was NOT posted: the bot was not running at/, 90_000);
    second.send('/announce log');
    await second.waitFor(/· missed \w+: not posted \(the bot was down\)/, 90_000);
    expect(await second.stop()).toBe(0);
    expect(second.out()).not.toMatch(posted('Late post'));
  });
});
