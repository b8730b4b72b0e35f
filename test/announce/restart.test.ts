// Restarts with real processes: the bot (`tsx src/main.ts`, console mode) over one temp sqlite file, stopped
// with SIGTERM and started again around a scheduled post.
import { describe, expect, it } from 'vitest';
import { startBot as start, tempDb } from '../helpers/process.js';

/** The bot over one sqlite file; `stop()` sends SIGTERM, as a deploy does. */
function startBot(db: string, env: Record<string, string> = {}) {
  const bot = start({ BOT_DB: db, ANNOUNCE_GRACE: '1h', ...env });
  return { out: bot.stdout, send: bot.send, waitFor: bot.waitFor, stop: bot.terminate };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0;
const posted = (text: string) => new RegExp(`» posted in #console \\(m\\d+\\)\\n {2}${text}`);

// Each bot start costs a few seconds (tsx compiles the sources), so the scenarios share processes and the two
// tests run concurrently, each over its own sqlite file.
describe.concurrent('restarts (real processes, one sqlite file each)', { timeout: 120_000 }, () => {
  it('stopped right after a post → not posted again; stopped before another → posted once after the restart (within grace); started again → nothing repeats', async () => {
    const db = tempDb();
    const first = startBot(db);
    first.send('/announce at "in 2 seconds" "First post"');
    first.send('/announce at "in 5 seconds" "Second post"');
    await first.waitFor(/Text: Second post/);
    const secondDue = Date.now() + 5000;
    await first.waitFor(posted('First post'));
    expect(await first.stop()).toBe(0); // right after the first post, before the second
    expect(first.out()).not.toMatch(posted('Second post'));
    await sleep(Math.max(0, secondDue + 300 - Date.now()));

    const second = startBot(db);
    await second.waitFor(posted('Second post'));
    await sleep(500);
    expect(await second.stop()).toBe(0);
    expect(count(second.out(), posted('Second post'))).toBe(1);
    expect(second.out()).not.toMatch(posted('First post'));

    const third = startBot(db);
    third.send('/announce log');
    await third.waitFor(/ANNOUNCEMENT LOG/);
    await sleep(300);
    await third.stop();
    expect(third.out()).not.toMatch(/» posted in/);
    expect(count(third.out(), /· posted \w+: occurrence/)).toBe(2);
    expect(count(third.out(), /· scheduled \w+ by Operator/)).toBe(2);
  });

  it('down for longer than ANNOUNCE_GRACE → not posted, reported to the leader who scheduled it', async () => {
    const db = tempDb();
    const first = startBot(db, { ANNOUNCE_GRACE: '1s' });
    first.send('/announce at "in 2 seconds" "Late post"');
    await first.waitFor(/SCHEDULED: ANNOUNCEMENT/);
    await first.stop();
    await sleep(3500);

    const second = startBot(db, { ANNOUNCE_GRACE: '1s' });
    await second.waitFor(/direct message to operator\n {2}A SCHEDULED POST NEEDS YOUR ATTENTION\n {2}Scheduled post \w+ was NOT posted: the bot was not running at/);
    second.send('/announce log');
    await second.waitFor(/· missed \w+: not posted \(the bot was down\)/);
    await second.stop();
    expect(second.out()).not.toMatch(posted('Late post'));
  });
});
