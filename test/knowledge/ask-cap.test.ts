// The cap on unanswered questions kept per member (src/services/knowledge/ask-cap.ts), through the real registry
// over a sqlite file: a member over the cap is still answered "not sure" and told honestly that the question was
// not kept; another member's questions still are; and the raw rows never join a member (id or hash) to a question.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { ASK_CAP, ASK_WINDOW_MS } from '../../src/services/knowledge/ask-cap.js';
import { type Harness, harness, member } from '../helpers/context.js';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rows = (file: string) =>
  new Promise<{ key: string; value: string }[]>((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
    db.all('SELECT key, value FROM keyv', (err, r) => db.close(() => (err ? reject(err) : resolve(r as never))));
  });

describe('the cap on kept unanswered questions', () => {
  it(`keeps at most ${ASK_CAP} per member per window; the member is still answered; nothing links a member to a question`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'niapp-askcap-'));
    const file = join(dir, 'bot.sqlite');
    h = await harness(commands, { BOT_DB: `sqlite://${file}` });
    const alice = member('member-alice-4711');
    const bob = member('member-bob-0815');
    // Questions the base cannot answer, each different (the per-member rate limit is passed by moving the clock).
    const ask = async (who: typeof alice, n: number) => {
      h!.clock.advance(11_000);
      const said = await h!.run(`/cert zorbly quux fnord plinth ${who.id.slice(7, 10)} ${n}`, who);
      expect(said.at(-1)!.message.title).toBe('Not sure');
      return said.at(-1)!.text;
    };
    const kept = async () => (await h!.services.knowledge.unanswered.frequent(new Date(0), 1000)).reduce((n, g) => n + g.count, 0);

    for (let i = 1; i <= ASK_CAP; i++) expect(await ask(alice, i)).toContain('I noted the question (without your name)');
    expect(await kept()).toBe(ASK_CAP);
    const over = await ask(alice, ASK_CAP + 1);
    expect(over).toContain('did not note this question for leadership');
    expect(over).not.toContain('I noted the question');
    expect(await kept()).toBe(ASK_CAP);

    expect(await ask(bob, 1)).toContain('I noted the question');
    expect(await kept()).toBe(ASK_CAP + 1);

    // What a database holder sees: question rows hold text and time only; counter rows hold only a number.
    const ids = [alice.id, bob.id];
    const hashes = ids.flatMap((id) => [createHash('sha256').update(id).digest('hex'), createHash('sha256').update(id).digest('base64url')]);
    const all = await rows(file);
    const questions = all.filter((r) => r.key.includes('cert-unanswered'));
    expect(questions).toHaveLength(ASK_CAP + 1);
    for (const r of all) for (const s of [...ids, ...hashes]) expect(`${r.key} ${r.value}`).not.toContain(s);
    for (const r of questions) expect(Object.keys(JSON.parse(r.value).value).sort()).toEqual(['at', 'text']);
    const counters = all.filter((r) => r.key.includes('cert-ask-count'));
    expect(counters).toHaveLength(2);
    for (const r of counters) expect(typeof JSON.parse(r.value).value).toBe('number');

    // The next window starts a new count.
    h.clock.advance(ASK_WINDOW_MS);
    expect(await ask(alice, ASK_CAP + 2)).toContain('I noted the question');
  });
});
