// The console adapter as a new user meets it (the real adapter, registry, services and sqlite store, fed lines):
// files are written to a folder and their path printed; a multi-choice poll keeps every choice pressed.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/context.js';
import { consoleSession } from './session.js';

let h: Harness;
afterEach(() => h?.close());

async function startConsole(env: Record<string, string> = {}) {
  const c = await consoleSession(env);
  h = c.h;
  return c;
}

/** Runs `lines` through the console adapter; resolves with everything it printed once the input has ended. */
async function consoleRun(lines: string[], env: Record<string, string> = {}): Promise<string> {
  const c = await startConsole(env);
  for (const line of lines) await c.send(line);
  return c.end();
}

describe('console', () => {
  it('writes .ics, CSV and report files to BOT_FILES_DIR and prints their paths', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'niapp-files-')), 'out');
    const c = await startConsole({ BOT_FILES_DIR: dir });
    await c.send('/event add "CRSS webinar" --at "2026-12-03 12:00"');
    await c.send('/event add "CRSS webinar" --at "2027-01-07 12:00"'); // the same title: a file of its own
    const files = [...c.out().matchAll(/\(file: (\S+crss-webinar-\w+\.ics)\)/g)].map((m) => m[1]!);
    expect(new Set(files).size).toBe(2);
    expect(files.every((f) => f.startsWith(dir))).toBe(true);
    const starts = files.map((f) => readFileSync(f, 'utf8')).map((ics) => (ics.includes('SUMMARY:CRSS webinar') ? /DTSTART[^:]*:(\d{8})T/.exec(ics)?.[1] : undefined));
    expect(starts.sort()).toEqual(['20261203', '20270107']);
    await c.send('/poll "Dues?" "Yes" "No"');
    const id = /Poll (\w+)\n/.exec(c.out())![1]!;
    await c.send('@alice /press 2');
    await c.send(`/poll export ${id}`);
    const out = await c.end();
    // An open anonymous poll exports its counts only (docs/THREAT-MODEL.md), and the report as Markdown and PDF.
    for (const name of [`poll-${id}-counts.csv`, `poll-${id}-report.md`, `poll-${id}-report.pdf`]) {
      expect(out).toContain(join(dir, name));
      expect(existsSync(join(dir, name))).toBe(true);
    }
    expect(out).not.toContain('(file: poll-');
  });

  it('a multi-choice poll with more than five options keeps every choice pressed (--max 3)', async () => {
    const out = await consoleRun([
      '/poll "Best days?" "a" "b" "c" "d" "e" "f" --max 3',
      '@alice /press 1',
      '@alice /press 2',
      '@alice /press 3',
      '@alice /press 4',
      '@alice /press 1',
      '@alice /press 4',
      '@bob /press 5 6',
    ]);
    const alice = out.split('» to alice only\n').slice(1).map((s) => s.split('\n')[0]!.trim());
    expect(alice).toEqual([
      expect.stringContaining('a'),
      expect.stringMatching(/a, b|a and b/),
      expect.stringMatching(/a, b,? (and )?c/),
      'You can pick at most 3 options, so nothing changed. Press one of your choices again to drop it, then pick another.',
      expect.stringMatching(/b,? (and )?c/),
      expect.stringMatching(/b, c,? (and )?d/),
    ]);
    const tally = await h.services.polls.tally((await h.services.polls.listOpen())[0]!.poll.id);
    expect(tally.counts).toEqual([0, 1, 1, 1, 1, 1]);
    expect(tally.voters).toBe(2);
  });

  it('a multi-choice poll of a few options (buttons) counts every button pressed at once (/press 1 2 3)', async () => {
    const out = await consoleRun(['/poll "Which trainings?" "Billing" "Supervision" "Ethics" --max 3', '@alice /press 1 2 3']);
    const alice = out.split('» to alice only\n').slice(1).map((s) => s.split('\n')[0]!.trim());
    expect(alice.at(-1)).toMatch(/Billing, Supervision,? (and )?Ethics/);
    const tally = await h.services.polls.tally((await h.services.polls.listOpen())[0]!.poll.id);
    expect(tally.counts).toEqual([1, 1, 1]);
    expect(tally.voters).toBe(1);
  });
});
