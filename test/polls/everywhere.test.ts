// --everywhere across the real Slack (Bolt HTTP) and Discord (discord.js) adapters at once, over one set of
// services: the poll lands in both announcement channels, votes from both platforms go into one tally, each
// posted message is edited, and a member who linked accounts is counted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import niapp from '../../commands/niapp.js';
import poll from '../../commands/poll.js';
import type { Adapter } from '../../src/core/adapter.js';
import { createDiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { createSlackAdapter } from '../../src/adapters/slack/adapter.js';
import { type Harness, harness } from '../helpers/context.js';
import { DiscordStandIn } from '../standins/discord.js';
import { type SlackStandIn, blockText, startSlackStandIn, until } from '../standins/slack.js';
import { LEADER } from '../standins/slack-payloads.js';

const SLACK_ANNOUNCE = 'C0ANNOUNCE';
let slack: SlackStandIn;
let discord: DiscordStandIn;
let h: Harness;
const adapters: Adapter[] = [];

beforeAll(async () => {
  slack = await startSlackStandIn();
  discord = await new DiscordStandIn().start();
  h = await harness([poll, niapp], {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_LEADERS: LEADER.id,
    SLACK_ANNOUNCE_CHANNEL: SLACK_ANNOUNCE,
    DISCORD_TOKEN: 'test-token',
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_GUILD_ID: discord.guildId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_ANNOUNCE_CHANNEL: discord.channelIds[0]!,
  });
  h.services.outlets.remove('console'); // only the two real platforms are connected
  const deps = { config: h.services.config, registry: h.registry, services: h.services, log: pino({ level: process.env.TEST_LOG ?? 'silent' }), onEnd: () => undefined };
  const slackAdapter = createSlackAdapter(deps, { listen: { port: 0, host: '127.0.0.1' }, retryConfig: { retries: 0 } });
  adapters.push(slackAdapter, createDiscordAdapter(deps, { autoDeferMs: 100 }));
  for (const a of adapters) await a.start();
  slack.target = slackAdapter.url;
});
afterAll(async () => {
  for (const a of adapters) await a.stop();
  await h?.registry.drain();
  await h?.close();
  await discord?.stop();
  await slack?.close();
});

const discordPosts = () => discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${discord.channelIds[0]}/messages`);
const discordEdits = () => discord.calls.filter((c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${discord.channelIds[0]}/messages/`));
const buttonId = (body: any, label: string): string =>
  body.components.flatMap((row: any) => row.components).find((c: any) => c.label === label).custom_id;
const slackText = async (responseUrl: string) => {
  await until(() => slack.responses.some((r) => r.url === responseUrl), 5000, 'a Slack answer');
  const r = slack.responses.find((x) => x.url === responseUrl)!;
  return blockText(r.body.blocks as never) || String(r.body.text);
};

describe('a poll posted --everywhere', () => {
  it('gets votes from Slack and Discord into one tally, edits both messages, and counts a linked member once', async () => {
    await slack.command({ command: '/poll', text: 'create "Should Medicaid pay for peer supervision?" "Yes" "No" --everywhere', user: LEADER });
    await until(() => slack.posted.some((p) => p.channel === SLACK_ANNOUNCE), 5000, 'the Slack post');
    await discord.waitFor((c) => c.method === 'POST' && c.path === `/channels/${discord.channelIds[0]}/messages`);
    const onSlack = structuredClone(slack.posted.find((p) => p.channel === SLACK_ANNOUNCE)!);
    const id = /Poll (\w+)/.exec(blockText(onSlack.blocks))![1]!;
    const discordBody = discordPosts()[0]!.body;
    expect(JSON.stringify(discordBody)).toContain(`Poll ${id}`);

    // Slack member maria (the stand-in's default member) votes Yes; Discord member dana votes No.
    expect(await slackText((await slack.click({ message: onSlack, label: '1. Yes' })).responseUrl)).toContain('Your vote is recorded');
    const dana = { id: '1200000000000000901', name: 'dana' };
    const click = discord.click(buttonId(discordBody, '2. No'), discord.message(discord.channelIds[0]!, discordBody), dana);
    const [answer] = await discord.answers(click);
    expect(JSON.stringify(answer!.body)).toContain('Your vote is recorded');
    expect(await h.services.polls.tally(id)).toMatchObject({ voters: 2, counts: [1, 1] });

    // maria links her Discord account, then votes from Discord: still one person, her vote moves to No.
    const code = /\/niapp link ([A-Z0-9]{8})/.exec(await slackText((await slack.command({ command: '/niapp', text: 'link' })).responseUrl))![1]!;
    const maria = { id: '1200000000000000902', name: 'maria' };
    const linked = discord.slash('niapp', [{ name: 'link', type: 1, options: [{ name: 'code', type: 3, value: code }] }], maria);
    expect(JSON.stringify((await discord.answers(linked)).map((c) => c.body))).toContain('Linked: 2 accounts');
    const again = discord.click(buttonId(discordBody, '2. No'), discord.message(discord.channelIds[0]!, discordBody), maria);
    await discord.answers(again);
    expect(await h.services.polls.tally(id)).toMatchObject({ voters: 2, counts: [0, 2] });

    // Both posted messages show the one tally.
    await h.services.polls.flush();
    expect(blockText(slack.updates.filter((u) => u.channel === SLACK_ANNOUNCE).at(-1)!.blocks)).toContain('2 voters');
    expect(JSON.stringify(discordEdits().at(-1)!.body)).toContain('2 voters');

    // Closing posts the final results to both announcement channels.
    await slack.command({ command: '/poll', text: `close ${id}`, user: LEADER });
    await until(() => slack.posted.some((p) => p.channel === SLACK_ANNOUNCE && blockText(p.blocks).includes('final results')), 5000, 'Slack final results');
    await until(() => discordPosts().some((c) => JSON.stringify(c.body).includes('final results')), 5000, 'Discord final results');
  });
});
