// Through the real Bolt and discord.js against the local stand-ins: one bot with the console, Slack and
// Discord connected; an announcement scheduled a few seconds ahead goes out once on each platform with that
// platform's rendering, and one cancelled before its time is not posted. The scheduler's clock is injected
// (TestClock + tick), so the real clients keep their real timers.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type SlackAdapter, createSlackAdapter } from '../../src/adapters/slack/adapter.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';
import { type SlackStandIn, blockText, startSlackStandIn, until } from '../standins/slack.js';

const DISCORD_CHANNEL = '1000000000000000100';
let slack: SlackStandIn;
let bot: DiscordBot;
let slackAdapter: SlackAdapter;

beforeAll(async () => {
  slack = await startSlackStandIn();
  slack.channels.C0ANNOUNCE = { members: ['U1'], isMember: true };
  bot = await startDiscordBot(commands, {
    standIn: { channelIds: [DISCORD_CHANNEL] },
    env: {
      DISCORD_ANNOUNCE_CHANNEL: DISCORD_CHANNEL,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_ANNOUNCE_CHANNEL: 'C0ANNOUNCE',
    },
  });
  const { h } = bot;
  slackAdapter = createSlackAdapter(
    { config: h.services.config, registry: h.registry, services: h.services, log: pino({ level: 'silent' }), onEnd: () => undefined },
    { listen: { port: 0, host: '127.0.0.1' }, retryConfig: { retries: 0 } },
  );
  await slackAdapter.start();
  slack.target = slackAdapter.url;
  const { scheduler } = h.services.announce;
  scheduler.useTimers = false;
  scheduler.retryDelaysMs = [10];
  await scheduler.start();
});
afterAll(async () => {
  await slackAdapter?.stop();
  await bot?.close();
  await slack?.close();
});

const discordPosts = () => bot.stand.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${DISCORD_CHANNEL}/messages`);

describe('announcements through the Slack and Discord stand-ins', () => {
  it('scheduled a few seconds ahead → posted once on Slack and once on Discord, each rendered for its platform', async () => {
    const { h } = bot;
    const said = await h.run('/announce at "in 5 seconds" "CEU webinar **Thursday** noon" --to both --ping here');
    expect(said[0]!.text).toContain('→ slack, discord (ping @here)');
    h.clock.advance(4000);
    await h.services.announce.scheduler.tick();
    expect(slack.posted).toHaveLength(0);
    h.clock.advance(1500);
    await h.services.announce.scheduler.tick();
    await h.services.announce.scheduler.settled();
    h.clock.advance(60_000);
    await h.services.announce.scheduler.tick();
    await h.services.announce.scheduler.settled();

    expect(slack.posted).toHaveLength(1);
    expect(slack.posted[0]!.channel).toBe('C0ANNOUNCE');
    expect(slack.posted[0]!.text.startsWith('<!here> ')).toBe(true);
    expect(blockText(slack.posted[0]!.blocks)).toContain('CEU webinar *Thursday* noon'); // Slack mrkdwn bold

    await until(() => discordPosts().length === 1);
    const body = discordPosts()[0]!.body;
    expect(JSON.stringify(body)).toContain('CEU webinar **Thursday** noon'); // Discord markdown bold
    expect(body.content).toContain('@here');
    expect(body.allowed_mentions?.parse ?? []).toContain('everyone'); // @here is allowed only because leadership asked
    expect(h.said.filter((s) => s.kind === 'post')).toHaveLength(0); // not sent to the console: --to both
  });

  it('cancelled before its time → nothing is posted anywhere', async () => {
    const { h } = bot;
    const slackBefore = slack.posted.length;
    const discordBefore = discordPosts().length;
    await h.run('/announce at "in 5 seconds" "Never mind" --to both');
    const [id] = (await h.services.announce.announcements.upcoming()).map((s) => s.id);
    await h.run(`/announce cancel ${id}`);
    h.clock.advance(10_000);
    await h.services.announce.scheduler.tick();
    await h.services.announce.scheduler.settled();
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.posted.length).toBe(slackBefore);
    expect(discordPosts().length).toBe(discordBefore);
  });
});

describe('an event through the Slack and Discord stand-ins', () => {
  it('on Slack: posted with its button and calendar file, RSVPs refresh the count in place, the reminder goes out with a DM to each attendee', async () => {
    const { h } = bot;
    const slackBefore = slack.posted.length;
    await h.run('/event add "Peer ethics CEU" --at "in 3 hours" --url https://niapp.org/ceu --remind 1h --to slack');
    const slackPost = slack.posted[slackBefore]!;
    expect(slackPost.channel).toBe('C0ANNOUNCE');
    expect(blockText(slackPost.blocks)).toContain('Peer ethics CEU');
    expect(blockText(slackPost.blocks)).toContain('0 members');
    expect(slack.uploads.some((u) => /^peer-ethics-ceu-\w+\.ics$/.test(u.filename))).toBe(true);

    // Two members press "I'll attend" (taking it back is tested in test/events: Slack's adapter ignores a
    // second identical click within 3 s as a double click).
    const message = { ts: slackPost.ts, channel: 'C0ANNOUNCE', blocks: slackPost.blocks };
    await slack.click({ message, label: "I'll attend", user: { id: 'U0MARIA', name: 'maria' } });
    await slack.click({ message, label: "I'll attend", user: { id: 'U0JO', name: 'jo' } });
    await until(() => slack.updates.some((u) => u.ts === slackPost.ts && blockText(u.blocks).includes('2 members')));
    const [event] = (await h.services.announce.events.upcoming()).filter((e) => e.title === 'Peer ethics CEU');
    expect(await h.services.announce.events.going(event!.id)).toBe(2);

    // One hour before: the reminder in the channel, and a direct message to the one attendee.
    h.clock.advance(2 * 3_600_000 + 1000);
    await h.services.announce.scheduler.tick();
    await h.services.announce.scheduler.settled();
    expect(slack.posted.filter((p) => p.channel === 'C0ANNOUNCE' && p.text.includes('Reminder: Peer ethics CEU'))).toHaveLength(1);
    expect(slack.posted.filter((p) => p.text.includes('starts in 1 hour')).map((p) => p.channel).sort()).toEqual(['C0ANNOUNCE', 'DU0JO', 'DU0MARIA']);
  });

  // Regression: with @slack/bolt loaded in the same process, undici 7 (from @slack/socket-mode) installs the
  // global dispatcher, and discord.js's multipart requests (undici 6) failed in it. The Discord adapter now gives
  // its REST client its own undici 6 Agent (src/adapters/discord/rest-agent.ts).
  it('on Discord in the same process: the event post with its .ics file arrives', async () => {
    const { h } = bot;
    const before = discordPosts().length;
    await h.run('/event add "Discord CEU" --at "in 3 hours" --to discord');
    await until(() => discordPosts().length === before + 1, 1500);
    expect(discordPosts().at(-1)!.files.map((f) => f.name)).toEqual([expect.stringMatching(/^discord-ceu-\w+\.ics$/)]);
  });
});
