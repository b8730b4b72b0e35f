// Restarts with real processes: the bot (`tsx src/main.ts`, console mode) over one temp sqlite file, stopped
// with SIGTERM and started again around a scheduled post.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tempDb } from '../helpers/process.js';

interface Bot {
  out(): string;
  send(line: string): void;
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  stop(): Promise<number | null>;
}

function startBot(db: string, env: Record<string, string> = {}): Bot {
  const child: ChildProcessWithoutNullStreams = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BOT_DB: db, ANNOUNCE_GRACE: '1h', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    out: () => out,
    send: (line) => void child.stdin.write(`${line}\n`),
    async waitFor(pattern, ms = 15_000) {
      const until = Date.now() + ms;
      while (!pattern.test(out)) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
        await sleep(50);
      }
      return out;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0;
const posted = (text: string) => new RegExp(`» posted in #console \\(m\\d+\\)\\n {2}${text}`);

// Each bot start costs a few seconds (tsx compiles the sources), so the scenarios share processes and the two
// tests run concurrently, each over its own sqlite file.
describe.concurrent('restarts (real processes, one sqlite file each)', () => {
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
