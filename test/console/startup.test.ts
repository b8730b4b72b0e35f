// Starting the bot as a new user does (real child processes): from another folder it still finds the knowledge
// base; with no entries it refuses to start and says why; piped commands run on a ready bot (schedules armed).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runBot, tempDb } from '../helpers/process.js';

/** The bot started with `tsx <installation>/src/main.ts` from `cwd`, fed `lines`. */
function runFrom(cwd: string, lines: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'main.ts')], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BOT_ENV_FILE: '', BOT_DB: tempDb(), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 80_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

describe('starting the bot (real processes)', { timeout: 90_000 }, () => {
  it('started from another folder, it loads the knowledge base of the installation and answers', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'niapp-cwd-'));
    const r = await runFrom(elsewhere, ['/cert how much does the CRSS exam cost']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/not sure/i);
    expect(r.stdout).toMatch(/\$\d+/);
  });

  it('with a BOT_ENV_FILE that does not exist, it refuses to start and names the file', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'niapp-env-')), 'prod.env');
    const r = await runFrom(root, ['/help'], { BOT_ENV_FILE: missing });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`BOT_ENV_FILE names ${missing}, which does not exist`);
    expect(r.stdout).not.toContain('/help');
  });

  it('with a knowledge folder that holds no entries, it refuses to start and names the folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'niapp-kb-'));
    const r = await runFrom(root, ['/cert exam'], { KNOWLEDGE_DIR: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`KNOWLEDGE_DIR: no knowledge entries found in ${empty}`);
    expect(r.stdout).not.toContain('not sure');
  });

  it('piped commands see armed schedules: after a restart, /announce list shows "Next:" at once', async () => {
    const db = tempDb();
    expect((await runBot(['/announce every "0 9 * * 1" "Weekly check-in"'], { BOT_DB: db }, 80_000)).code).toBe(0);
    const r = await runBot(['/announce list'], { BOT_DB: db }, 80_000);
    expect(r.code, r.stderr).toBe(0);
    const list = r.stdout.slice(r.stdout.indexOf('SCHEDULED ANNOUNCEMENTS'));
    expect(list).toMatch(/Next: \w{3}, \w{3} \d+, \d{4}, 9:00 AM C[SD]T/);
  });
});

describe('logs in the console', { timeout: 90_000 }, () => {
  it('with BOT_LOG_FILE, log lines go to the file and none reach the terminal', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'niapp-log-')), 'logs', 'bot.log');
    const r = await runBot(['/help'], { BOT_LOG_FILE: file, LOG_LEVEL: 'info' }, 80_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('"level"');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).toMatch(/"msg":"ready"/);
  });
});
