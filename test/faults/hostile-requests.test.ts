// Hostile or broken requests against a real bot process: they bounce off with the right status, and the
// process keeps serving. Unknown buttons and forms (left over from an older version) get a polite answer.
import { request } from 'node:http';
import { afterAll, expect, it } from 'vitest';
import { LEADER } from '../standins/slack-payloads.js';
import { signRequest, startSlackStandIn, until } from '../standins/slack.js';
import { type RunningBot, tempDb } from '../helpers/process.js';
import { botEnv, startReadyBot } from './vote-burst.js';

const slack = await startSlackStandIn();
const running: RunningBot[] = [];
afterAll(async () => {
  for (const b of running) b.kill();
  await slack.close();
});
const bot = await startReadyBot(await botEnv(slack, tempDb()), running);
const now = () => Math.floor(Date.now() / 1000);
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A raw POST: `declared` overrides content-length; `send` false sends the headers only. */
function raw(headers: Record<string, string>, body: string, o: { declared?: number; send?: boolean } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(slack.target!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(o.declared ?? Buffer.byteLength(body)), ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    if (o.send === false) req.flushHeaders();
    else req.end(body);
  });
}

it('refuses signed requests stamped more than 5 minutes in the past or the future', async () => {
  const command = form(slack.commandPayload({ command: '/help' }));
  expect((await slack.deliver(command, { timestamp: now() + 6 * 60 })).status).toBe(401);
  expect((await slack.deliver(command, { timestamp: now() - 6 * 60 })).status).toBe(401);
  expect((await slack.deliver(command, { timestamp: now() + 60 })).status).toBe(200);
});

it('answers signed malformed payloads with 400 and keeps serving', async () => {
  for (const payload of ['null', 'not json', '[1,2]', '"text"']) {
    expect((await slack.deliver(form({ payload }))).status, payload).toBe(400);
  }
  expect((await slack.command({ command: '/help' })).status).toBe(200);
  expect(bot.stderr()).not.toMatch(/uncaught|unhandled rejection/i);
});

it('limits bodies before buffering them: 413 by content-length without waiting for the body', async () => {
  const started = performance.now();
  const status = await raw(signRequest(slack.signingSecret, '', now()), '', { declared: 4 * 1024 * 1024, send: false });
  expect(status).toBe(413);
  expect(performance.now() - started).toBeLessThan(2000);
  // Unsigned: refused on its headers, the body never read.
  expect(await raw({}, '', { declared: 512 * 1024, send: false })).toBe(401);
  // A body over the limit that lies about its size is cut off once it passes the limit.
  const big = 'x'.repeat(1024 * 1024 + 10);
  expect(await raw(signRequest(slack.signingSecret, big, now()), big, { declared: Buffer.byteLength(big) })).toBe(413);
});

it('answers a button and a form the bot does not know politely, well within 3 s', async () => {
  const message = { blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'legacy_vote_button', value: 'x', text: { type: 'plain_text', text: 'Old' } }] }] };
  const click = await slack.click({ message, label: 'Old', user: LEADER });
  expect(click.status).toBe(200);
  expect(click.ms).toBeLessThan(3000);
  const answer = await slack.response(click.responseUrl);
  expect(JSON.stringify(answer.body)).toMatch(/older version of the bot/);

  const view = { id: 'V1', hash: 'h1', type: 'modal', callback_id: 'legacy_form', private_metadata: '', blocks: [{ type: 'input', block_id: 'what' }] };
  const submit = await slack.submitView(view, { what: 'hello' }, LEADER);
  expect(submit.ms).toBeLessThan(3000);
  expect(JSON.parse(submit.body)).toEqual({ response_action: 'errors', errors: { what: expect.stringMatching(/older version of the bot/) } });
});
