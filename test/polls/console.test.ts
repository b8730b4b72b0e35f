// A poll in the console (`npm start`), as members and the operator (leadership) type it.
import { expect, it } from 'vitest';
import { runBot } from '../helpers/process.js';

it('creates a poll, takes votes by /press, changes a vote, shows the tally and refuses bad input', async () => {
  const r = await runBot([
    '/poll "Should supervision hours be paid?" "Yes" "No" --hide-results',
    '@alice /press 1',
    '@bob /press 2',
    '@alice /press 2',
    '@alice /poll "Only one option"',
    '/poll list',
  ]);
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/"level":50/);
  expect(r.stdout).toContain('[1] 1. Yes  [2] 2. No');
  expect(r.stdout).toMatch(/to alice only\n {2}Your vote is recorded: Yes\./);
  expect(r.stdout).toMatch(/to alice only\n {2}Your vote is recorded: No\./);
  expect(r.stdout).toContain('Results are hidden until the poll closes.');
  expect(r.stdout).toContain('A poll needs at least 2 options, each in quotes');
  expect(r.stdout).toMatch(/Should supervision hours be paid\? — 2 voters/);
});
