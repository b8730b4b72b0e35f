// The crisis net through the real Bolt (HTTP receiver and Socket Mode) against the Slack stand-in, with the bot's
// own logger at trace level: Bolt, the WebClient and Socket Mode log whole request bodies at debug. The member
// gets the crisis message privately; the words are in no log line, in no call the bot made, and not stored.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { blockText, type SlackStandIn, startSlackStandIn, until } from '../standins/slack.js';
import { MEMBER } from '../standins/slack-payloads.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';

const CRISIS = 'i have been saving up my pills zebrafinch quartzlamp';
const WORDS = ['zebrafinch', 'quartzlamp', 'saving up my pills'];

let slack: SlackStandIn | undefined;
let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.close();
  await slack?.close();
  bot = slack = undefined;
});

async function start(mode: 'http' | 'socket') {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  slack = await startSlackStandIn();
  bot = await startSlackBot(slack, { mode, log: createLogger('trace', sink) });
  return { slack, bot, logs: () => lines.join('') };
}

const sentToSlack = (s: SlackStandIn) => JSON.stringify([s.calls, s.responses]);
const stored = async (b: SlackBot) => {
  const rows: unknown[] = [];
  for (const ns of ['cert-unanswered', 'poll-comments', 'comments', 'polls']) rows.push(await b.services.store.scan(ns, ''));
  return JSON.stringify(rows);
};

describe('crisis text on Slack (real Bolt, trace logging)', () => {
  it('HTTP: /cert and a poll comment form get the crisis message; the words are in no log, no call, no record', async () => {
    const { slack, bot, logs } = await start('http');
    const d = await slack.command({ command: '/cert', text: CRISIS, user: MEMBER });
    await until(() => slack.responses.some((r) => r.url === d.responseUrl), 5000, 'the crisis answer');
    const answer = slack.responses.find((r) => r.url === d.responseUrl)!;
    expect(answer.body.response_type).toBe('ephemeral');
    expect(blockText(answer.body.blocks as never)).toContain('988');

    await slack.command({ command: '/poll', text: '"Meet monthly?" "Yes" "No" --comments' });
    await until(() => slack.posted.length > 0, 5000, 'the poll');
    const views = slack.views.length;
    await slack.click({ message: slack.posted.at(-1)!, label: 'Add a comment' });
    await until(() => slack.views.length > views, 5000, 'the comment form');
    const submitted = await slack.submitView(slack.views.at(-1)!, { comment: CRISIS }, MEMBER);
    expect(submitted.status).toBe(200);
    await until(() => slack.ephemerals.some((e) => e.user === MEMBER.id && blockText(e.blocks).includes('988')), 5000, 'the private crisis message');
    await bot.registry.drain();

    expect(logs()).toMatch(/"level":10/); // Bolt's and the WebClient's debug lines were written …
    expect(logs()).toContain('[payload omitted]'); // … with their bodies cut
    for (const w of WORDS) {
      expect(logs(), w).not.toContain(w);
      expect(sentToSlack(slack), w).not.toContain(w);
      expect(await stored(bot), w).not.toContain(w);
    }
    expect((await bot.services.crisis.daily(1))[0]!.count).toBe(2);
  }, 60_000);

  it('Socket Mode: the envelope is logged without its payload', async () => {
    const { slack, logs } = await start('socket');
    const payload = slack.commandPayload({ command: '/cert', text: CRISIS, user: MEMBER });
    await slack.envelope('slash_commands', payload);
    await until(() => slack.responses.some((r) => r.url === payload.response_url), 5000, 'the crisis answer');
    expect(blockText(slack.responses.find((r) => r.url === payload.response_url)!.body.blocks as never)).toContain('988');
    expect(logs()).toContain('Received a message on the WebSocket: [payload omitted]');
    for (const w of WORDS) expect(logs(), w).not.toContain(w);
  }, 60_000);
});
