// The footprint floor: a bare process that connects the same two libraries to the same stand-ins and does
// nothing else. Started by footprint.bench.ts with the same environment as the bot.
import bolt from '@slack/bolt';
import { Client, GatewayIntentBits } from 'discord.js';

const env = process.env;
const app = new bolt.App({
  token: env.SLACK_BOT_TOKEN,
  signingSecret: env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  port: Number(env.SLACK_PORT),
});
app.command(/.*/, async ({ ack }) => ack());
await app.start(Number(env.SLACK_PORT));
const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: env.DISCORD_API_URL } });
await new Promise<void>((resolve) => {
  client.once('clientReady', () => resolve());
  void client.login(env.DISCORD_TOKEN);
});
process.stderr.write(`${JSON.stringify({ msg: 'ready' })}\n`);
process.on('SIGTERM', () => process.exit(0));
