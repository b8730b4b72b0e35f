// The whole loop on the console, with real processes: leadership teaches a phrasing in a running bot
// (`npm start`), `npm run knowledge:export-taught` writes it into the entry's file, and the service over a fresh
// store answers it from the file alone.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { exportTaught as exportInProcess } from '../../src/services/knowledge/export-taught.js';
import { KnowledgeService } from '../../src/services/knowledge/index.js';
import { openStore } from '../../src/storage/store.js';
import { root, runBot, tempDb } from '../helpers/process.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const exportTaught = (env: Record<string, string>) =>
  new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'knowledge:export-taught'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });

describe('taught phrasings written back to the knowledge files', () => {
  it('teach in chat → export → a fresh bot answers from the file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await cp('data/knowledge', dir, { recursive: true });
    const db = tempDb();
    const q = 'is the crss honored across the border';
    const taught = await runBot([`/cert ${q}`, `/cert teach "${q}" reciprocity`, `/cert ${q}`], { BOT_DB: db, KNOWLEDGE_DIR: dir }, 60_000);
    expect(taught.code).toBe(0);
    const blocks = taught.stdout.split('» ').filter(Boolean);
    expect(blocks[0]).toMatch(/NOT SURE/);
    expect(blocks[1]).toMatch(/TAUGHT/);
    expect(blocks[2]).toMatch(/MOVING STATES: RECIPROCITY/);

    const run = await exportTaught({ BOT_DB: db, KNOWLEDGE_DIR: dir });
    expect(run.code).toBe(0);
    expect(run.out).toContain(`added  "${q}" to ${join(dir, 'reciprocity.md')}`);
    const file = await readFile(join(dir, 'reciprocity.md'), 'utf8');
    expect(file).toMatch(new RegExp(`^phrasings:\\n(  - .*\\n)*  - "${q}"\\n`, 'm'));
    // Again: nothing is written twice.
    const again = await exportInProcess(dir, [{ question: q, entryId: 'reciprocity', by: { id: 'x', name: 'x', platform: 'console' }, at: new Date().toISOString() }]);
    expect(again.written).toEqual([]);

    const store = await openStore('sqlite://:memory:');
    try {
      const fresh = await KnowledgeService.create({ dir, store, clock: { now: () => new Date('2026-11-22T15:00:00Z') }, log: pino({ level: 'silent' }) });
      expect(await fresh.ask(q)).toMatchObject({ kind: 'answer', entry: { id: 'reciprocity' } });
    } finally {
      await store.close();
    }
  }, 120_000);
});
