// Discord: a slash command through the real discord.js client → registry → interaction callback, timed from
// the gateway's INTERACTION_CREATE to the callback's arrival at the stand-in; next to a bare discord.js client
// that only replies, in the same run, as the floor. Paced at 40 interactions/s: discord.js limits every
// request (callbacks included) to 50/s by default, so faster driving would measure that limiter, not us.
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import help from '../commands/help.js';
import niapp from '../commands/niapp.js';
import { DiscordStandIn, type Call, type Sent } from '../test/standins/discord.js';
import { startDiscordBot } from '../test/standins/discord-bot.js';
import { type Row, type Section, summarize } from './harness.js';

const TOTAL = 400;
const WARMUP = 60;
const PACE_MS = 25;

/** Dispatches `total` /help interactions one at a time; returns the latencies until each callback arrived. */
async function drive(stand: DiscordStandIn, total: number): Promise<number[]> {
  const waiting = new Map<string, () => void>();
  const onCall = (c: Call) => c.token && waiting.get(c.token)?.();
  stand.on('call', onCall);
  const latencies: number[] = [];
  try {
    for (let n = 0; n < total; n++) {
      const t0 = performance.now();
      let sent: Sent | undefined;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no callback within 5 s')), 5000);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        sent = stand.slash('help', [], { id: '1200000000000000777' });
        waiting.set(sent.token, done);
      });
      latencies.push(performance.now() - t0);
      waiting.delete(sent!.token);
      const rest = PACE_MS - (performance.now() - t0);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  } finally {
    stand.off('call', onCall);
  }
  stand.calls.length = 0;
  return latencies;
}

/** discord.js and nothing of ours: replies to every interaction with a constant ephemeral text. */
async function bareClient(stand: DiscordStandIn): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: stand.apiUrl } });
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand()) void i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
  });
  const ready = new Promise((r) => client.once(Events.ClientReady, r));
  await client.login('bench-token');
  await ready;
  return client;
}

export const discordSection: Section = {
  title: 'Discord (discord.js gateway + REST)',
  async run(): Promise<Row[]> {
    const bareStand = await new DiscordStandIn().start();
    const bare = await bareClient(bareStand);
    const bot = await startDiscordBot([help, niapp], { adapter: { registerAtStart: false } });
    try {
      await drive(bareStand, WARMUP);
      await drive(bot.stand, WARMUP);
      const floor = summarize(await drive(bareStand, TOTAL));
      const ours = summarize(await drive(bot.stand, TOTAL));
      const note = `${TOTAL} × /help, one at a time, ${1000 / PACE_MS}/s`;
      return [
        { name: 'interaction → callback p50', value: ours.p50, unit: 'ms', floor: floor.p50, goal: '≤ 1.5 × floor', note },
        { name: 'interaction → callback p99', value: ours.p99, unit: 'ms', floor: floor.p99, goal: '≤ 1.5 × floor', note },
      ];
    } finally {
      await bare.destroy();
      await bareStand.stop();
      await bot.close();
    }
  },
};
