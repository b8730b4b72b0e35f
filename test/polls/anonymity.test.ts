// Anonymity that holds against the creator and the database: after an anonymous poll has run from creation to
// export, no voter's raw id is anywhere in the sqlite file or in the exports, and no sealed ballot is left.
// (The linking attacks themselves are in test/privacy.)
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
  let sealed: string[] = [];

  it('runs: votes, comments, close, export', async () => {
    h = await pollHarness({ BOT_DB: `sqlite://${join(dir, 'bot.sqlite')}` });
    const { id, message } = postedPoll(await h.run('/poll create "Should supervision hours be paid?" "Yes" "No" --comments', leader('U07CREATOR')));
    for (const [i, v] of voters.entries()) {
      await press(h, v, message, i < 5 ? 'Yes' : 'No', { platform: 'slack', channelId: 'C0GENERAL', messageId: '1.0' });
      await h.run(`/poll comment ${id} "Comment ${i}: reach me at member${i}@example.org"`, v);
    }
    sealed = (await h.services.store.scan('poll-ballots', `${id}:`)).map(([, v]) => (v as { s: string }).s);
    expect(sealed).toHaveLength(7);
    await h.run(`/poll close ${id}`);
    expect(await h.services.store.scan('poll-ballots', `${id}:`)).toEqual([]);
    const exported = await h.run(`/poll export ${id}`);
    attachments = exported.find((s) => s.message.attachments)!.message.attachments!;
    expect(attachments.map((a) => a.filename)).toEqual([`poll-${id}-votes.csv`, `poll-${id}-comments.csv`, `poll-${id}-report.md`, `poll-${id}-report.pdf`]);
    // One row per ballot and nothing else: no time, no platform, no comment beside a vote.
    expect(String(attachments[0]!.content)).toBe(`poll,Yes,No\n${[1, 1, 1, 1, 1].map(() => `${id},1,0`).join('\n')}\n${id},0,1\n${id},0,1\n`);
    const comments = String(attachments[1]!.content).trim().split('\n');
    expect(comments[0]).toBe('poll,comment');
    expect(comments.slice(1).sort()).toEqual(voters.map((_, i) => `${id},Comment ${i}: reach me at [e-mail removed]`));
    const report = String(attachments[2]!.content);
    expect(report).toContain('# Should supervision hours be paid?');
    expect(report).toContain('- **Responded:** 7');
    // One platform: its row equals the totals, and the 2 is under 5 — withheld, and so is the 5 (7 − 5 = 2).
    expect(report).toContain('| Yes | — | — |');
    expect(report).toContain('| Slack | unknown | 7 | — | — |');
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

  it('leaves no sealed ballot in the files (free pages and WAL included) once the poll is closed', () => {
    const bytes = fileBytes();
    for (const s of sealed) expect(bytes.includes(s)).toBe(false);
  });
});

describe('a public poll', () => {
  it('keeps names, and the CSV has the member id', async () => {
    const h = await pollHarness();
    const { id, message } = postedPoll(await h.run('/poll "Lunch?" "Pizza" "Salad" --public'));
    expect(message.text).toContain('Public: names are visible to leadership');
    expect(privately(await press(h, member('U07PUBLIC1', 'slack'), message, 'Salad'), 'U07PUBLIC1')).toContain('leadership can see your name');
    const csv = String((await h.run(`/poll export ${id}`)).find((s) => s.message.attachments)!.message.attachments![0]!.content);
    expect(csv).toContain('poll,voted_at,platform,Pizza,Salad,comment,member,name');
    expect(csv).toContain(',slack,0,1,,slack:U07PUBLIC1,U07PUBLIC1');
    await h.close();
  });
});

describe('comment anonymising in exports', () => {
  it('removes a link and nothing around it: the bracket, the quote and what follows stay', async () => {
    const { anonymize } = await import('../../src/services/polls/report.js');
    expect(anonymize('see click (http://evil.example/login) please')).toBe('see click ([link removed]) please');
    expect(anonymize('=HYPERLINK("http://evil","x")')).toBe('=HYPERLINK("[link removed]","x")');
    expect(anonymize('docs at https://niapp.org/faq. Thanks')).toBe('docs at [link removed]. Thanks');
  });
});
