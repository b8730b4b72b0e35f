// Anonymity that holds against the creator and the database: after an anonymous poll has run from creation to
// export, no voter's raw id is anywhere in the sqlite file or in the exports, and the per-poll salt is gone.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../src/core/message.js';
import { type Harness, leader, member } from '../helpers/context.js';
import { pollHarness, postedPoll, press, privately } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'niapp-anon-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Distinctive ids, so that a match in the bytes cannot be a coincidence.
const voters = ['U07VOTERAAAA', 'U07VOTERBBBB', 'U07VOTERCCCC', 'U07VOTERDDDD', 'U07VOTEREEEE', 'U07VOTERFFFF', 'U07VOTERGGGG'].map((id) => member(id, 'slack'));
const names = voters.map((v) => v.id);

const fileBytes = () =>
  Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));

describe('an anonymous poll, creation to export, over a sqlite file', () => {
  let h: Harness;
  let attachments: Attachment[] = [];
  let salt = '';

  it('runs: votes, comments, close, export', async () => {
    h = await pollHarness({ BOT_DB: `sqlite://${join(dir, 'bot.sqlite')}` });
    const { id, message } = postedPoll(await h.run('/poll create "Should supervision hours be paid?" "Yes" "No" --comments', leader('U07CREATOR')));
    salt = (await h.services.store.keyv('poll-salts').get<{ salt: string }>(id))!.salt;
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    for (const [i, v] of voters.entries()) {
      await press(h, v, message, i < 5 ? 'Yes' : 'No', { platform: 'slack', channelId: 'C0GENERAL', messageId: '1.0' });
      await h.run(`/poll comment ${id} "Comment ${i}: reach me at member${i}@example.org"`, v);
    }
    await h.run(`/poll close ${id}`);
    expect(await h.services.store.keyv('poll-salts').get(id)).toBeUndefined();
    const exported = await h.run(`/poll export ${id}`);
    attachments = exported.find((s) => s.message.attachments)!.message.attachments!;
    expect(attachments.map((a) => a.filename)).toEqual([`poll-${id}-votes.csv`, `poll-${id}-report.md`, `poll-${id}-report.pdf`]);
    const csv = String(attachments[0]!.content);
    expect(csv.split('\n')[0]).toBe('poll,voted_at,platform,options,comment');
    expect(csv.trim().split('\n')).toHaveLength(8);
    // Votes keep the hour only: 9:00 CST is 15:00 UTC.
    expect(csv).toContain(`${id},2026-11-22T15:00:00.000Z,slack,Yes,`);
    const report = String(attachments[1]!.content);
    expect(report).toContain('# Should supervision hours be paid?');
    expect(report).toContain('- **Responded:** 7');
    expect(report).toContain('| Yes | 5 | 71% |');
    expect(report).toContain('| No | 2 | 29% |');
    expect(report).toContain('| Slack | unknown | 7 | 5 | <5 |');
    expect(report).toContain('> Comment 0: reach me at [e-mail removed]');
    await h.close();
  });

  it('leaves no raw voter id in the database file', () => {
    const bytes = fileBytes();
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes('U07CREATOR')).toBe(true); // the creator is known by design: the scan can find ids
    for (const id of names) expect(bytes.includes(id), `${id} found in the database`).toBe(false);
    for (const id of names) expect(bytes.includes(id.toLowerCase()), `${id} found in the database`).toBe(false);
  });

  it('leaves no raw voter id in the exports', () => {
    for (const a of attachments) for (const id of names) expect(String(a.content).toLowerCase()).not.toContain(id.toLowerCase());
  });

  it('deletes the per-poll salt at close, so not even the database can link votes to members', () => {
    expect(fileBytes().includes(salt)).toBe(false);
  });
});

describe('a public poll', () => {
  it('keeps names, and the CSV has the member id', async () => {
    const h = await pollHarness();
    const { id, message } = postedPoll(await h.run('/poll "Lunch?" "Pizza" "Salad" --public'));
    expect(message.text).toContain('Public: names are visible to leadership');
    expect(privately(await press(h, member('U07PUBLIC1', 'slack'), message, 'Salad'), 'U07PUBLIC1')).toContain('leadership can see your name');
    const csv = String((await h.run(`/poll export ${id}`)).find((s) => s.message.attachments)!.message.attachments![0]!.content);
    expect(csv).toContain('poll,voted_at,platform,options,comment,member,name');
    expect(csv).toContain(',slack,Salad,,slack:U07PUBLIC1,U07PUBLIC1');
    await h.close();
  });
});
