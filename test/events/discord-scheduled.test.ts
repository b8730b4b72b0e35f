// Discord Scheduled Events through the real discord.js against the stand-in: an event added for Discord also
// appears in the server's Events list (external, with location and end time), its "interested" count shows
// beside the RSVPs, cancel cancels it there; without the Create Events permission (403, code 50013) the post
// and reminders still go out and the leader is told what to grant.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startDiscordBot } from '../standins/discord-bot.js';

const CHANNEL = '1000000000000000100';

describe('Discord Scheduled Events', () => {
  it('made with the event, interest shown beside the RSVPs, cancelled with it; refused cleanly without the permission', async () => {
    const bot = await startDiscordBot(commands, { standIn: { channelIds: [CHANNEL] }, env: { DISCORD_ANNOUNCE_CHANNEL: CHANNEL } });
    try {
      const { h, stand } = bot;
      h.services.announce.scheduler.useTimers = false;
      await h.services.announce.scheduler.start();
      const said = await h.run('/event add "CRSS exam prep" --at "2026-12-03 12:00" --duration 90m --url https://niapp.org/webinar --to discord');
      expect(said.at(-1)!.text).toContain("It is also in the Discord server's Events list.");
      const [native] = [...stand.scheduledEvents.values()];
      expect(native).toMatchObject({
        name: 'CRSS exam prep', entity_type: 3, privacy_level: 2, status: 1,
        entity_metadata: { location: 'https://niapp.org/webinar' },
        scheduled_start_time: '2026-12-03T18:00:00.000Z', scheduled_end_time: '2026-12-03T19:30:00.000Z',
      });

      // Members mark it "interested" in Discord; the post shows it beside the RSVPs when it is next refreshed.
      native!.interested = 4;
      const post = stand.calls.find((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`)!;
      const button = post.body.components[0].components[0];
      const answers = await stand.answers(stand.click(button.custom_id, stand.message(CHANNEL, post.body), { id: '1200000000000000777', name: 'dee' }), 2);
      expect(JSON.stringify(answers[0]!.body)).toContain('"name":"Going","value":"1 member"');
      expect(JSON.stringify(answers[0]!.body)).toContain('"name":"Interested on Discord","value":"4"');
      const event = (await h.services.announce.events.all())[0]!;
      expect(await h.services.announce.events.interested(event)).toBe(4);
      expect(stand.calls.some((c) => c.method === 'GET' && c.path.endsWith(`/scheduled-events/${native!.id}`) && c.query.get('with_user_count') === 'true')).toBe(true);
      expect((await h.run('/event list'))[0]!.text).toContain('1 going · 4 interested on Discord');

      // An edit reaches the Discord event and raises the calendar SEQUENCE.
      const edited = await h.run(`/event edit ${event.id} --title "CRSS exam prep (new room)" --end "2pm"`);
      expect(edited.at(-1)!.text).toContain('Thu, Dec 3, 2026, 12:00 PM CST – 2:00 PM');
      expect(stand.scheduledEvents.get(native!.id)).toMatchObject({ name: 'CRSS exam prep (new room)', scheduled_end_time: '2026-12-03T20:00:00.000Z' });
      expect((await h.services.announce.events.all())[0]!.sequence).toBe(1);
      expect(stand.calls.some((c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${CHANNEL}/messages/`) && JSON.stringify(c.body).includes('CRSS exam prep (new room)'))).toBe(true);
      expect((await h.run(`/event edit ${event.id}`))[0]!.text).toContain('Say what to change');
      expect((await h.run(`/event edit ${event.id} --title "x"`, { platform: 'discord', id: '1200000000000000777', name: 'dee', isLeader: false }))[0]!.text).toContain('Only NIAPP leadership');

      await h.run(`/event cancel ${event.id}`);
      expect(stand.scheduledEvents.get(native!.id)!.status).toBe(3 + 1); // CANCELED

      // Without Create Events: 403 / 50013 → the event is still posted; the leader hears what to grant.
      stand.canCreateEvents = false;
      const refused = await h.run('/event add "Webinar two" --at "2026-12-05 12:00" --to discord');
      expect(refused.at(-1)!.text).toMatch(/Event \w+ posted to discord #\d+/);
      expect(refused.at(-1)!.text).toContain('lacks the Create Events permission');
      expect(refused.at(-1)!.message.tone).toBe('warning');
      expect(stand.scheduledEvents.size).toBe(1);
    } finally {
      await bot.close();
    }
  });
});

describe('invite link', () => {
  it('asks for Create Events besides the posting permissions, and the README shows the same link', async () => {
    const { readFileSync } = await import('node:fs');
    const { PermissionFlagsBits: P } = await import('discord.js');
    const { botPermissions, inviteUrl } = await import('../../src/adapters/discord/permissions.js');
    const bits = botPermissions();
    for (const flag of [P.ViewChannel, P.SendMessages, P.EmbedLinks, P.AttachFiles, P.MentionEveryone, P.CreateEvents]) expect(bits & flag).toBe(flag);
    expect(bits & P.Administrator).toBe(0n);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(inviteUrl('YOUR_APPLICATION_ID'));
  });
});
