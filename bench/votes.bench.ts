// Poll votes: a burst of 10,000 distinct members, 200 clicks in flight, through the real registry and
// PollService over a sqlite FILE store (votes/s, p99 vote latency) — and through the real Slack receiver
// (Bolt HTTP, signed requests, response_url answers) against the stand-in. The floor: raw keyv sets of a
// vote-sized record on the same store type, 200 in flight, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import poll from '../commands/poll.js';
import { loadConfig } from '../src/config.js';
import { type Outlet, Outlets, type Surface } from '../src/core/context.js';
import type { MessageRef } from '../src/core/message.js';
import { Registry } from '../src/core/registry.js';
import { systemClock } from '../src/services/clock.js';
import { buildServices } from '../src/services/index.js';
import { openStore } from '../src/storage/store.js';
import { blockText, startSlackStandIn, until } from '../test/standins/slack.js';
import { startSlackBot } from '../test/standins/slack-bot.js';
import { type Row, type Section, load, summarize } from './harness.js';

const MEMBERS = 10_000;
const IN_FLIGHT = 200;
const SLACK_MEMBERS = Number(process.env.VOTES_SLACK_MEMBERS ?? MEMBERS);
const log = pino({ level: 'silent' });

async function floor(dir: string) {
  const store = await openStore(`sqlite://${join(dir, 'floor.sqlite')}`);
  const keyv = store.keyv('floor');
  const record = { choices: [1], platform: 'slack', at: new Date().toISOString() };
  const r = await load(MEMBERS, IN_FLIGHT, (i) => keyv.set(`p:${'f'.repeat(56)}${String(i).padStart(8, '0')}`, record));
  await store.close();
  return { rate: MEMBERS / (r.wallMs / 1000), s: summarize(r.latencies) };
}

async function registryBurst(dir: string) {
  const config = loadConfig({ BOT_DB: `sqlite://${join(dir, 'votes.sqlite')}` });
  const store = await openStore(config.BOT_DB);
  const outlets = new Outlets();
  const quiet: Outlet = { platform: 'slack', post: async (c) => ({ platform: 'slack', channelId: c, messageId: '1' }), update: async () => undefined, dm: async () => true, canPost: async () => true };
  outlets.add(quiet);
  const { services } = await buildServices({ config, store, outlets, clock: systemClock, log });
  const registry = new Registry([poll], { services, log, now: () => new Date(), screen: services.crisis.screen });
  let posted: MessageRef | undefined;
  const surface = (id: string): Surface => ({
    actor: { platform: 'slack', id, name: id, isLeader: true },
    where: { platform: 'slack', channelId: 'C0GENERAL' },
    reply: async () => (posted = { platform: 'slack', channelId: 'C0GENERAL', messageId: '1.0' }),
    ephemeral: async () => undefined,
    defer: async () => undefined,
    openForm: async () => false,
    source: posted,
  });
  await registry.runText(surface('U0LEADER'), 'poll', '"Burst?" "A" "B" "C"');
  const pollId = (await services.polls.listOpen())[0]!.poll.id;
  const r = await load(MEMBERS, IN_FLIGHT, (i) => registry.runAction(surface(`U2${String(i).padStart(8, '0')}`), { command: 'poll', action: 'vote', value: `${pollId}:${i % 3}` }));
  const voters = (await services.polls.tally(pollId)).voters;
  await services.polls.stop();
  await store.close();
  if (voters !== MEMBERS) throw new Error(`tally ${voters} ≠ ${MEMBERS} votes sent`);
  return { rate: MEMBERS / (r.wallMs / 1000), s: summarize(r.latencies) };
}

async function slackBurst(dir: string) {
  const slack = await startSlackStandIn();
  const bot = await startSlackBot(slack, { commands: [poll], db: `sqlite://${join(dir, 'slack.sqlite')}` });
  try {
    await slack.command({ command: '/poll', text: '"Burst?" "A" "B" "C"' });
    await until(() => slack.posted.length > 0, 5000, 'the poll');
    const message = slack.posted[0]!;
    const labels = ['1. A', '2. B', '3. C'];
    // Open the keep-alive connections first, on a second poll: 200 fresh TCP connections at once would measure
    // connection setup on this machine (SYN retries), not the bot.
    await slack.command({ command: '/poll', text: '"Warm-up" "A" "B" "C"' });
    await until(() => slack.posted.length > 1, 5000, 'the warm-up poll');
    const warm = slack.posted[1]!;
    await load(IN_FLIGHT, IN_FLIGHT, (i) => slack.click({ message: warm, label: labels[i % 3]!, user: { id: `UW${i}`, name: `w${i}` } }));
    await bot.registry.drain();
    const r = await load(SLACK_MEMBERS, IN_FLIGHT, async (i) => {
      const d = await slack.click({ message, label: labels[i % 3]!, user: { id: `U3${String(i).padStart(8, '0')}`, name: `m${i}` } });
      if (d.status !== 200) throw new Error(`HTTP ${d.status}`);
    });
    await bot.registry.drain();
    const pollId = /Poll (\w+)/.exec(blockText(message.blocks))![1]!;
    const voters = (await bot.services.polls.tally(pollId)).voters;
    if (voters !== SLACK_MEMBERS) throw new Error(`tally ${voters} ≠ ${SLACK_MEMBERS} clicks sent`);
    return { rate: SLACK_MEMBERS / (r.wallMs / 1000), s: summarize(r.latencies) };
  } finally {
    await bot.close();
    await slack.close();
  }
}

export const votesSection: Section = {
  title: 'Poll votes (10,000 members, 200 in flight, sqlite file)',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(join(tmpdir(), 'niapp-bench-votes-'));
    try {
      const f = await floor(dir);
      const v = await registryBurst(dir);
      const s = await slackBurst(dir);
      const note = `floor: raw keyv set of a vote-sized record, ${IN_FLIGHT} in flight`;
      return [
        { name: 'votes/s (registry → PollService → store)', value: v.rate, unit: 'votes/s', floor: f.rate, note },
        { name: 'vote latency p99 (registry)', value: v.s.p99, unit: 'ms', floor: f.s.p99, note },
        { name: `clicks/s through the real Slack receiver (${SLACK_MEMBERS})`, value: s.rate, unit: 'clicks/s', floor: f.rate, note: 'signed HTTP → Bolt ack → 2 dedupe claims → vote → response_url' },
        { name: 'click→ack latency p99 (Slack receiver)', value: s.s.p99, unit: 'ms', floor: f.s.p99 },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
