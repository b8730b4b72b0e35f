// At most once on the platforms: a post that Slack or Discord carried out but whose answer never arrived (the
// connection reset after a long hang) is not posted a second time by the retry. Slack: the retry finds the
// first post by its metadata in the channel's history; Discord: the nonce with enforce_nonce.
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type SlackAdapter, createSlackAdapter } from '../../src/adapters/slack/adapter.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';
import { type SlackStandIn, startSlackStandIn, until } from '../standins/slack.js';

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
    { listen: { port: 0, host: '127.0.0.1' }, retryConfig: { retries: 0 }, postTimeoutMs: 1000 },
  );
  await slackAdapter.start();
  slack.target = slackAdapter.url;
  const { scheduler } = h.services.announce;
  scheduler.useTimers = false;
  scheduler.retryDelaysMs = [10, 10];
  await scheduler.start();
});
afterAll(async () => {
  await slackAdapter?.stop();
  await bot?.close();
  await slack?.close();
});

it('posts once on each platform when the first attempt is carried out but its answer is lost', async () => {
  const { h } = bot;
  slack.resetAfterDoing('chat.postMessage');
  bot.stand.resetAfterDoing('POST', new RegExp(`^/channels/${DISCORD_CHANNEL}/messages$`));
  await h.run('/announce at "in 5 seconds" "Only once, please" --to both');
  h.clock.advance(6000);
  await h.services.announce.scheduler.tick();
  await h.services.announce.scheduler.settled();
  await until(() => bot.stand.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${DISCORD_CHANNEL}/messages`).length >= 2, 10_000, 'the Discord retry');
  await new Promise((r) => setTimeout(r, 200));

  expect(slack.posted.filter((p) => p.text.includes('Only once, please'))).toHaveLength(1);
  expect(slack.callsTo('chat.postMessage').length).toBe(1); // the retry looked it up instead of posting
  expect(slack.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
  expect(bot.stand.created.filter((m) => m.channelId === DISCORD_CHANNEL)).toHaveLength(1);
}, 30_000);
