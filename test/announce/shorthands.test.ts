// The crontab shorthands the help documents (@hourly … @yearly) schedule like their five-field forms.
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
