// Slack: a slash command through the real Bolt HTTP receiver → registry → reply on the response_url, at 100
// requests in flight, next to a bare Bolt app in the same run (ack only; ack + a constant respond) as the floor.
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import help from '../commands/help.js';
import niapp from '../commands/niapp.js';
import { startSlackStandIn, type SlackStandIn } from '../test/standins/slack.js';
import { startSlackBot } from '../test/standins/slack-bot.js';
import { type Row, type Section, type Summary, load, summarize } from './harness.js';

const TOTAL = 2000;
const IN_FLIGHT = 100;
/** Undici's pool and V8 settle only after a couple of thousand requests; earlier runs have second-long tails. */
const WARMUP = 2000;
const ROUNDS = 4;
type Stats = { ack: Summary; reply: Summary; rps: number };

/** A Bolt app with nothing of ours: acks, and (if asked) responds with a constant text. */
async function bareBolt(slack: SlackStandIn, respond: boolean): Promise<{ url: string; stop(): Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-bench', receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: slack.apiUrl } });
  app.command(/.*/, async ({ ack, respond: r }) => {
    await ack();
    if (respond) await r({ response_type: 'ephemeral', text: 'ok' });
  });
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: async () => {
    server.closeAllConnections();
    await app.stop();
  } };
}

interface Samples {
  ack: number[];
  reply: number[];
  wallMs: number;
}

/** Sends `total` /help commands to `target`, adding ack latencies and (if `reply`) latencies until the answer reached the response_url. */
async function drive(slack: SlackStandIn, target: string, total: number, reply: boolean, into: Samples): Promise<void> {
  slack.target = target;
  const { latencies, wallMs } = await load(total, IN_FLIGHT, async () => {
    const d = await slack.command({ command: '/help' });
    if (d.status !== 200) throw new Error(`bot answered ${d.status}`);
    into.ack.push(d.ms);
    if (reply) await slack.response(d.responseUrl);
  });
  if (reply) into.reply.push(...latencies);
  into.wallMs += wallMs;
  slack.responses.length = 0;
}

export const slackSection: Section = {
  title: 'Slack (Bolt HTTP receiver)',
  async run(): Promise<Row[]> {
    const slack = await startSlackStandIn();
    const ackOnly = await bareBolt(slack, false);
    const ackRespond = await bareBolt(slack, true);
    const bot = await startSlackBot(slack, { commands: [help, niapp] });
    const ours = bot.adapter.url!;
    try {
      const targets = [
        { url: ackOnly.url, reply: false, samples: { ack: [], reply: [], wallMs: 0 } as Samples },
        { url: ackRespond.url, reply: true, samples: { ack: [], reply: [], wallMs: 0 } as Samples },
        { url: ours, reply: true, samples: { ack: [], reply: [], wallMs: 0 } as Samples },
      ];
      for (const t of targets) await drive(slack, t.url, WARMUP, t.reply, { ack: [], reply: [], wallMs: 0 });
      // Interleaved rounds, so that noise from the machine falls on the floor and on the bot alike.
      for (let round = 0; round < ROUNDS; round++) for (const t of targets) await drive(slack, t.url, TOTAL / ROUNDS, t.reply, t.samples);
      const [floorAck, floorReply, bot1] = targets.map((t) => ({ ack: summarize(t.samples.ack), reply: summarize(t.samples.reply), rps: (TOTAL / t.samples.wallMs) * 1000 })) as [Stats, Stats, Stats];
      const note = `${TOTAL} × /help, ${IN_FLIGHT} in flight`;
      const goal = '≤ 1.25 × floor';
      return [
        { name: 'slash command ack p50', value: bot1.ack.p50, unit: 'ms', floor: floorAck.ack.p50, note },
        { name: 'slash command ack p99', value: bot1.ack.p99, unit: 'ms', floor: floorAck.ack.p99, goal, note },
        { name: 'command → reply p50', value: bot1.reply.p50, unit: 'ms', floor: floorReply.reply.p50, note: 'floor: bare Bolt ack + constant respond' },
        { name: 'command → reply p99', value: bot1.reply.p99, unit: 'ms', floor: floorReply.reply.p99, goal, note: 'floor: bare Bolt ack + constant respond' },
        { name: 'throughput', value: bot1.rps, unit: 'req/s', floor: floorReply.rps, note },
      ];
    } finally {
      await bot.close();
      await ackOnly.stop();
      await ackRespond.stop();
      await slack.close();
    }
  },
};
