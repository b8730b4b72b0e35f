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
});
