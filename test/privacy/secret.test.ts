// The bot secret: the same secret after a restart keeps every open ballot; a lost secret is survivable — the
// open anonymous polls lose the ballots cast before (they cannot be opened, and are said to be uncounted), members
// can vote again, and closed polls are untouched (their results hold no secret at all).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { leader, member } from '../helpers/context.js';
import { loadSecret } from '../../src/secret.js';
import { pollHarness, postedPoll, press } from '../polls/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'niapp-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = (secret: string) => ({ BOT_DB: `sqlite://${join(dir, 'bot.sqlite')}`, BOT_SECRET: secret.repeat(32) });

it('keeps ballots across a restart with the same secret, and survives a lost one', async () => {
  let h = await pollHarness(env('a'));
  const closedPoll = postedPoll(await h.run('/poll "Closed before the loss?" "Yes" "No"', leader('L')));
  const openPoll = postedPoll(await h.run('/poll "Open during the loss?" "Yes" "No"', leader('L')));
  for (let i = 0; i < 5; i++) {
    await press(h, member(`m${i}`), closedPoll.message, 'Yes');
    await press(h, member(`m${i}`), openPoll.message, 'No');
  }
  await h.run(`/poll close ${closedPoll.id}`, leader('L'));
  await h.close();

  h = await pollHarness(env('a')); // a restart, same secret
  expect((await h.services.polls.tally(openPoll.id)).counts).toEqual([0, 5]);
  await h.close();

  h = await pollHarness(env('b')); // the secret was lost and replaced
  expect((await h.services.polls.tally(closedPoll.id)).counts).toEqual([5, 0]);
  expect((await h.services.polls.tally(openPoll.id)).voters).toBe(0);
  await press(h, member('m0'), openPoll.message, 'Yes'); // members can vote again
  expect((await h.services.polls.tally(openPoll.id)).counts).toEqual([1, 0]);
  await h.run(`/poll close ${openPoll.id}`, leader('L'));
  expect(await h.services.polls.book.results.get(openPoll.id)).toMatchObject({ unreadable: 5, ballots: [{ choices: [0], n: 1 }] });
  await h.close();
});

it('makes the secret file once (mode 0600), reads it after, and BOT_SECRET wins over it', () => {
  const file = join(dir, 'sub', 'bot-secret');
  const first = loadSecret({ BOT_SECRET_FILE: file });
  expect(first.created).toBe(true);
  expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(loadSecret({ BOT_SECRET_FILE: file })).toEqual({ secret: first.secret, created: false });
  expect(loadSecret({ BOT_SECRET: 'x'.repeat(40), BOT_SECRET_FILE: file }).secret).toBe('x'.repeat(40));
});

it('counts the plain votes of an anonymous poll opened before sealed ballots, and deletes them (and the old salt) at close', async () => {
  const h = await pollHarness();
  const p = postedPoll(await h.run('/poll "From before the upgrade?" "Yes" "No"', leader('L')));
  const store = h.services.store;
  // What the old code wrote: a per-poll salt and plain records under HMAC(salt, member).
  await store.keyv('poll-salts').set(p.id, { salt: 'ab'.repeat(32) });
  for (let i = 0; i < 3; i++) await store.keyv('poll-votes').set(`${p.id}:${String(i).repeat(64)}`, { choices: [1], platform: 'slack', at: '2026-11-22T15:00:00.000Z' });
  await press(h, member('new'), p.message, 'Yes');
  expect((await h.services.polls.tally(p.id)).counts).toEqual([1, 3]);
  await h.run(`/poll close ${p.id}`, leader('L'));
  expect((await h.services.polls.tally(p.id)).counts).toEqual([1, 3]);
  expect(await store.scan('poll-votes', `${p.id}:`)).toEqual([]);
  expect(await store.keyv('poll-salts').get(p.id)).toBeUndefined();
  await h.close();
});
