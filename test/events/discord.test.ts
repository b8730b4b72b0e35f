// An event through the real discord.js against the Discord stand-in, in a process without @slack/bolt (see the
// known bug noted in test/announce/standins.test.ts): the post with its button and .ics, an RSVP click that
// updates the count, and the reminder with a direct message to the attendee.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startDiscordBot } from '../standins/discord-bot.js';

const DISCORD_CHANNEL = '1000000000000000100';

describe('an event through the Discord stand-in', () => {
  it('on Discord (a bot with Discord only): posted with button and .ics, a click RSVPs and updates the count, the reminder DMs the attendee', async () => {
    const solo = await startDiscordBot(commands, { standIn: { channelIds: [DISCORD_CHANNEL] }, env: { DISCORD_ANNOUNCE_CHANNEL: DISCORD_CHANNEL } });
    try {
      const { h, stand } = solo;
      h.services.announce.scheduler.useTimers = false;
      h.services.announce.scheduler.retryDelaysMs = [10];
      await h.services.announce.scheduler.start();
      const posts = () => stand.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${DISCORD_CHANNEL}/messages`);
      await h.run('/event add "Discord CEU" --at "in 3 hours" --remind 1h --to discord');
      expect(posts()).toHaveLength(1);
      const call = posts()[0]!;
      expect(call.files.map((f) => f.name)).toEqual([expect.stringMatching(/^discord-ceu-\w+\.ics$/)]);
      expect(call.body.embeds[0].title).toBe('Discord CEU');
      const button = call.body.components[0].components[0];
      expect(button.label).toBe("I'll attend");

      const click = stand.click(button.custom_id, stand.message(DISCORD_CHANNEL, call.body), { id: '1200000000000000777', name: 'dee' });
      const answers = await stand.answers(click, 2);
      expect(JSON.stringify(answers[0]!.body)).toContain('1 member');
      expect(JSON.stringify(answers[1]!.body)).toContain("You're on the list for **Discord CEU**");

      h.clock.advance(2 * 3_600_000 + 1000);
      await h.services.announce.scheduler.tick();
      await h.services.announce.scheduler.settled();
      expect(posts().filter((c) => JSON.stringify(c.body).includes('Reminder: Discord CEU'))).toHaveLength(1);
      expect(stand.calls.filter((c) => c.method === 'POST' && /^\/channels\/9\d+\/messages$/.test(c.path) && JSON.stringify(c.body).includes('starts in 1 hour'))).toHaveLength(1);
    } finally {
      await solo.close();
    }
  });
});
