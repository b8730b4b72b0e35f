// Socket Mode: the real Bolt SocketModeReceiver connects to the stand-in's WebSocket (URL from
// apps.connections.open with the xapp- token), gets hello, and acks each envelope by its envelope_id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import help from '../../commands/help.js';
import { blockText, type SlackStandIn, startSlackStandIn, until } from '../standins/slack.js';
import { blockActions, LEADER } from '../standins/slack-payloads.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';
import { tallyCommand } from './slack-commands.js';

let slack: SlackStandIn;
let bot: SlackBot;
let tally: ReturnType<typeof tallyCommand>;

beforeAll(async () => {
  slack = await startSlackStandIn();
  tally = tallyCommand();
  bot = await startSlackBot(slack, { commands: [help, tally.def], mode: 'socket' });
});
afterAll(async () => {
  await bot?.close();
  await slack?.close();
});

describe('Slack over Socket Mode (real Bolt SocketModeReceiver)', () => {
  it('connects with the app-level token after hello, with no HTTP endpoint', () => {
    const open = slack.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe('xapp-test-token');
    expect(slack.socketCount()).toBe(1);
    expect(bot.adapter.status()).toBe('connected');
    expect(bot.adapter.url).toBeUndefined();
  });

  it('acks a slash command envelope with its envelope_id, then answers through the response_url', async () => {
    const payload = slack.commandPayload({ command: '/help' });
    const { ack, ms } = await slack.envelope('slash_commands', payload, { envelopeId: 'env-help-1' });
    expect(ack.envelope_id).toBe('env-help-1');
    expect(ms).toBeLessThan(1000);
    await until(() => slack.responses.some((r) => r.url === payload.response_url));
    const r = slack.responses.find((x) => x.url === payload.response_url)!;
    expect(r.body.response_type).toBe('ephemeral');
    expect(blockText(r.body.blocks as never)).toContain('NIAPP bot commands');
  });

  it('acts once on an envelope Slack redelivers (retry_attempt), and routes a click', async () => {
    const payload = slack.commandPayload({ command: '/tally', text: 'show Lunch?', user: LEADER });
    const first = await slack.envelope('slash_commands', payload);
    const again = await slack.envelope('slash_commands', payload, { retryAttempt: 1 });
    expect(first.ack.envelope_id).not.toBe(again.ack.envelope_id);
    await until(() => slack.posted.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(tally.runs.show).toBe(1);
    const message = slack.posted[0]!;
    const click = blockActions({ message, label: 'No' }, { triggerId: 'click-1', responseUrl: `${slack.apiUrl}../respond/x` });
    const { ack } = await slack.envelope('interactive', click, { envelopeId: 'env-click-1' });
    expect(ack.envelope_id).toBe('env-click-1');
    await until(() => blockText(message.blocks).includes('No: 1'));
  });
});
