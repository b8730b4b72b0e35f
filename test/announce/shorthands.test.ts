// The crontab shorthands the help documents (@hourly … @yearly) schedule like their five-field forms; a schedule
// that can never run is refused.
import { afterEach, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type Harness, harness } from '../helpers/context.js';

let h: Harness;
afterEach(() => h?.close());

it.each(['@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually'])('/announce every "%s" is scheduled, not an error', async (cron) => {
  h = await harness(commands);
  const said = (await h.run(`/announce every "${cron}" "Shorthand check"`)).map((s) => s.text).join('\n');
  expect(said).toContain('SCHEDULED: ANNOUNCEMENT');
  expect(said).not.toMatch(/went wrong/);
  expect(await h.services.announce.announcements.upcoming()).toHaveLength(1);
});

it('a schedule that never comes round (February 31) is refused with a reason, and nothing is stored', async () => {
  h = await harness(commands);
  for (const line of ['/announce every "0 9 31 2 *" "Never"', '/poll schedule "Q?" "A" "B" --every "0 9 31 2 *" --open 1d']) {
    const said = (await h.run(line)).map((s) => s.text).join('\n');
    expect(said).toContain('never comes round');
    expect(said).not.toContain('SCHEDULED');
  }
  expect(await h.services.announce.announcements.upcoming()).toHaveLength(0);
});
