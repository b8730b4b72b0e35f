// The sqlite file locked by another process: a command that writes answers "try again", nothing is half
// written, and the bot works again as soon as the lock is gone.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineLeaf } from '../../src/core/command.js';
import { Repo } from '../../src/storage/repo.js';
import { BUSY_TIMEOUT_MS } from '../../src/storage/sqlite-store.js';
import { openStore } from '../../src/storage/store.js';
import { isStoreUnavailable } from '../../src/core/errors.js';
import { harness, member } from '../helpers/context.js';

const note = defineCommand({
  name: 'note',
  description: 'Saves a note (a command that writes)',
  leaf: defineLeaf({
    name: 'note',
    description: 'Saves a note',
    options: { text: z.string().min(1).describe('The note') },
    positional: ['text'],
    rest: 'text',
    async run(ctx, { text }) {
      const notes = new Repo(ctx.services.store, 'notes', z.object({ text: z.string(), by: z.string() }));
      await notes.set(`${ctx.actor.id}:${text}`, { text, by: ctx.actor.id });
      await ctx.ephemeral(`Saved: ${text}`);
    },
  }),
});

const run = (db: sqlite3.Database, sql: string) => new Promise<void>((res, rej) => db.run(sql, (err) => (err ? rej(err) : res())));

describe('store locked', () => {
  it('answers "try again", writes nothing, and recovers when the lock is released', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'niapp-lock-')), 'bot.sqlite');
    const h = await harness([note], { BOT_DB: `sqlite://${file}` });
    try {
      expect((await h.run('/note before', member()))[0]!.text).toBe('Saved: before');

      const other = new sqlite3.Database(file);
      await run(other, 'BEGIN EXCLUSIVE');
      const locked = await h.run('/note during', member());
      expect(locked).toHaveLength(1);
      expect(locked[0]!.kind).toBe('ephemeral');
      expect(locked[0]!.text).toMatch(/storage is not available right now, so nothing was saved\. Please try again/);
      await run(other, 'ROLLBACK');
      await new Promise<void>((r) => other.close(() => r()));

      expect((await h.run('/note after', member()))[0]!.text).toBe('Saved: after');
      const keys = (await h.services.store.scan('notes', '')).map(([k]) => k);
      expect(keys).toEqual(['alice:after', 'alice:before']);
    } finally {
      await h.close();
    }
  }, 30_000);

  it('still waits for a held lock (its busy time) before giving up, now with timers: the event loop turns meanwhile', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'niapp-lock-')), 'bot.sqlite');
    const store = await openStore(`sqlite://${file}`);
    const other = new sqlite3.Database(file);
    try {
      await run(other, 'BEGIN EXCLUSIVE');
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 1);
      const started = performance.now();
      const err = await store.put('notes', 'x', { text: 'x' }).catch((e: unknown) => e);
      const waited = performance.now() - started;
      clearInterval(ticker);
      expect(isStoreUnavailable(err) || isStoreUnavailable((err as { cause?: unknown }).cause)).toBe(true);
      expect(waited).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 60); // it kept trying, then gave up
      expect(ticks).toBeGreaterThan(10); // the loop was free meanwhile
      await run(other, 'ROLLBACK');
      expect(await store.put('notes', 'x', { text: 'x' })).toBe(true);
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
      await store.close();
    }
  }, 30_000);
});
