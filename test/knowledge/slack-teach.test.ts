// Teach, ask-back and the digest on Slack, through the real Bolt HTTP receiver against the local Slack stand-in:
// a member's unanswered question, a leader's one-tap teach from /cert unanswered, the answer at once; a member's
// teach refused on the server; "the exam" asked back and answered with one tap; the monthly digest as a DM to
// each id in SLACK_LEADERS (injected clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, type SlackStandIn, startSlackStandIn, until } from '../standins/slack.js';
import { LEADER, MEMBER } from '../standins/slack-payloads.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';

let slack: SlackStandIn;
let bot: SlackBot;
beforeAll(async () => {
  slack = await startSlackStandIn();
  bot = await startSlackBot(slack);
});
afterAll(async () => {
  await bot?.close();
  await slack?.close();
});

/** Runs a slash command and returns the private answer's body (sent to the response_url). */
async function cert(text: string, user = MEMBER) {
  const d = await slack.command({ command: '/cert', text, user });
  await until(() => slack.responses.some((r) => r.url === d.responseUrl), 5000, `an answer to /cert ${text}`);
  const body = slack.responses.find((r) => r.url === d.responseUrl)!.body as { response_type?: string; text?: string; blocks: never[] };
  expect(body.response_type).toBe('ephemeral');
  return { body, text: `${body.text ?? ''}\n${blockText(body.blocks ?? [])}` };
}

async function click(message: { blocks: never[] }, label: string, user = MEMBER) {
  const d = await slack.click({ message, label, user, ephemeral: true });
  await until(() => slack.responses.some((r) => r.url === d.responseUrl), 5000, `an answer to a click on ${label}`);
  const body = slack.responses.find((r) => r.url === d.responseUrl)!.body as { text?: string; blocks: never[] };
  return `${body.text ?? ''}\n${blockText(body.blocks ?? [])}`;
}

describe('/cert on Slack (real Bolt)', () => {
  it('a leader teaches an unanswered question with one tap; members get the answer at once; a member cannot', async () => {
    expect((await cert('where do members park for the exam site')).text).toMatch(/Not sure/);
    const list = await cert('unanswered', LEADER);
    expect(list.text).toContain('where do members park for the exam site');
    const label = /#1 → The CRSS exam/.test(list.text) ? '#1 → The CRSS exam' : /#1 → [^"\n]+/.exec(list.text)![0];
    expect(await click(list.body, label, MEMBER)).toMatch(/Only NIAPP leadership/);
    expect(await click(list.body, label, LEADER)).toMatch(/Taught/);
    const entry = label.replace('#1 → ', '');
    expect((await cert('where do members park for the exam site')).text).toContain(entry);
    expect((await cert('teach "how long is the cert good for" renewal', MEMBER)).text).toMatch(/Only NIAPP leadership/);
  });

  it('"the exam" is asked back, and one tap gives the answer', async () => {
    const ask = await cert('the exam');
    expect(ask.text).toContain('Which one do you mean?');
    expect(await click(ask.body, 'The CRSS exam')).toMatch(/100 multiple-choice questions/);
  });

  it('sends the monthly digest as a DM to each leader', async () => {
    const digest = bot.services.knowledge.digest('America/Chicago');
    bot.clock.set('2026-11-22T15:00:00Z');
    expect(await digest.tick()).toBe(false); // a new store waits for the next month
    bot.clock.set('2026-12-01T15:00:00Z');
    expect(await digest.tick()).toBe(true);
    const dm = slack.posted.find((p) => p.channel === `D${LEADER.id}`);
    expect(dm).toBeDefined();
    expect(blockText(dm!.blocks)).toContain('Knowledge digest for 2026-12');
    expect(slack.posted.filter((p) => p.channel !== `D${LEADER.id}`)).toEqual([]); // nowhere public
  });
});
