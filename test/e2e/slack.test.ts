// The real Bolt HTTP receiver, end to end against the local Slack stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import help from '../../commands/help.js';
import { renderForm } from '../../src/adapters/slack/render.js';
import { blockText, type SlackStandIn, startSlackStandIn, until } from '../standins/slack.js';
import { CHANNEL, LEADER, MEMBER } from '../standins/slack-payloads.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';
import { tallyCommand } from './slack-commands.js';

let slack: SlackStandIn;
let bot: SlackBot;
let tally: ReturnType<typeof tallyCommand>;

beforeAll(async () => {
  slack = await startSlackStandIn();
  tally = tallyCommand();
  bot = await startSlackBot(slack, { commands: [help, tally.def] });
});
afterAll(async () => {
  await bot?.close();
  await slack?.close();
});

const responseTo = async (responseUrl: string) => {
  await until(() => slack.responses.some((r) => r.url === responseUrl), 3000, `a response to ${responseUrl}`);
  return slack.responses.filter((r) => r.url === responseUrl);
};

describe('Slack over HTTP (real Bolt receiver)', () => {
  it('answers /help privately through the response_url, acked fast, with no Web API call', async () => {
    const before = slack.calls.length;
    const d = await slack.command({ command: '/help' });
    expect(d.status).toBe(200);
    expect(d.ms).toBeLessThan(1000);
    const [r] = await responseTo(d.responseUrl);
    expect(r!.body.response_type).toBe('ephemeral');
    expect(blockText(r!.body.blocks as never)).toContain('NIAPP bot commands');
    expect(blockText(r!.body.blocks as never)).toContain('/tally');
    expect(slack.calls.slice(before).map((c) => c.method)).toEqual([]); // the answer went to the response_url only
  });

  it('explains a bad option privately with the usage line, and runs nothing', async () => {
    const d = await slack.command({ command: '/tally', text: 'show ab' });
    const [r] = await responseTo(d.responseUrl);
    expect(r!.body.response_type).toBe('ephemeral');
    expect(r!.body.text).toContain('"question" needs at least 3 characters');
    expect(r!.body.text).toContain('Usage: `/tally show question…`');
    expect(tally.runs.show).toBe(0);
  });

  it('refuses a forged signature and a 6-minute-old timestamp with 401, running nothing', async () => {
    const forged = await slack.command({ command: '/tally', text: 'show Forged?' }, { secret: 'not-the-secret' });
    const old = await slack.command({ command: '/tally', text: 'show Old?' }, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect([forged.status, old.status]).toEqual([401, 401]);
    await new Promise((r) => setTimeout(r, 100));
    expect(tally.runs.show).toBe(0);
    expect(slack.responses.filter((r) => r.url === forged.responseUrl || r.url === old.responseUrl)).toEqual([]);
  });

  it('acts once on a delivery that Slack repeats with x-slack-retry-num', async () => {
    const first = await slack.command({ command: '/tally', text: 'show Lunch?', user: LEADER });
    const again = await slack.command({ command: '/tally', text: 'show Lunch?', user: LEADER }, { retryNum: 1, ids: first });
    expect([first.status, again.status]).toEqual([200, 200]);
    await until(() => slack.posted.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(tally.runs.show).toBe(1);
    expect(slack.posted).toHaveLength(1);
    expect(slack.posted[0]!.channel).toBe(CHANNEL);
    expect(blockText(slack.posted[0]!.blocks)).toContain('Yes: 0 · No: 0');
  });

  it('routes a button click back to the action and updates the clicked message; a double click counts once', async () => {
    const message = slack.posted[0]!;
    const [a, b] = await Promise.all([slack.click({ message, label: 'Yes' }), slack.click({ message, label: 'Yes' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await until(() => slack.updates.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(tally.runs.vote).toBe(1);
    expect(slack.updates).toHaveLength(1);
    expect(slack.updates[0]!.ts).toBe(message.ts);
    expect(blockText(message.blocks)).toContain('Yes: 1 · No: 0');
    // A different choice is a different click.
    await slack.click({ message, label: 'No' });
    await until(() => slack.updates.length === 2);
    expect(blockText(message.blocks)).toContain('Yes: 1 · No: 1');
  });

  it('refuses a member clicking a leader-only button, privately, and leaves the message as it was', async () => {
    const message = slack.posted[0]!;
    const d = await slack.click({ message, label: 'Close', user: MEMBER });
    const [r] = await responseTo(d.responseUrl);
    expect(r!.body.response_type).toBe('ephemeral');
    expect(r!.body.text).toContain('Only NIAPP leadership');
    expect(blockText(message.blocks)).not.toContain('Closed.');
    const byLeader = await slack.click({ message, label: 'Close', user: LEADER });
    expect(byLeader.status).toBe(200);
    await until(() => blockText(message.blocks).includes('Closed.'));
  });

  it('refuses a member a leadership subcommand', async () => {
    const d = await slack.command({ command: '/tally', text: 'reset', user: MEMBER });
    const [r] = await responseTo(d.responseUrl);
    expect(r!.body.text).toContain('Only NIAPP leadership');
    const ok = await slack.command({ command: '/tally', text: 'reset', user: LEADER });
    expect((await responseTo(ok.responseUrl))[0]!.body.text).toBe('Reset.');
  });

  it('opens a modal, answers invalid fields in the ack, and runs a valid submission once', async () => {
    await slack.command({ command: '/tally', text: 'rename', user: LEADER });
    await until(() => slack.views.length === 1);
    const view = slack.views[0]!;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'tally:rename', title: { text: 'Rename the tally' } });
    const bad = await slack.submitView(view, { name: 'ab', note: '' }, LEADER);
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toEqual({ response_action: 'errors', errors: { name: 'Use at least 3 characters.' } });
    expect(tally.runs.renamed).toEqual([]);
    const posts = slack.posted.length;
    const good = await slack.submitView(view, { name: 'Lunch poll', note: '' }, LEADER);
    expect(good.status).toBe(200);
    expect(good.body).toBe('');
    await until(() => slack.posted.length === posts + 1);
    expect(tally.runs.renamed).toEqual(['tally-1:Lunch poll']);
    expect(slack.posted.at(-1)!.text).toBe('Renamed to *Lunch poll*.');
  });

  it('refuses a member submitting a leader-only form (even a forged one), privately, in the channel', async () => {
    const view = renderForm({ command: 'tally', form: 'wipe', title: 'Wipe', fields: [{ id: 'confirm', label: 'Type yes' }] }, CHANNEL);
    const posts = slack.posted.length;
    const d = await slack.submitView({ id: 'V-forged', ...view }, { confirm: 'yes' }, MEMBER);
    expect(d.status).toBe(200);
    await until(() => slack.ephemerals.some((e) => e.user === MEMBER.id));
    const e = slack.ephemerals.find((x) => x.user === MEMBER.id)!;
    expect(e).toMatchObject({ channel: CHANNEL, text: expect.stringContaining('Only NIAPP leadership') });
    expect(slack.posted.length).toBe(posts);
  });

  it('escapes member text so that it cannot ping @channel or forge a link', async () => {
    await slack.command({ command: '/tally', text: 'show <!channel> see <https://evil.example|niapp.org> & more', user: LEADER });
    await until(() => slack.posted.some((p) => p.text.includes('evil')));
    const p = slack.posted.find((x) => x.text.includes('evil'))!;
    const raw = JSON.stringify(p);
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<https://evil');
    expect(blockText(p.blocks)).toContain('&lt;!channel&gt; see &lt;https://evil.example|niapp.org&gt; &amp; more');
  });

  it('still tells the member when the handler fails after the ack, with a reference and no stack trace', async () => {
    const d = await slack.command({ command: '/tally', text: 'boom' });
    expect(d.status).toBe(200);
    const [r] = await responseTo(d.responseUrl);
    expect(r!.body.response_type).toBe('ephemeral');
    expect(r!.body.text).toMatch(/Sorry, something went wrong on our side.*reference [0-9a-f]{8}/);
    expect(JSON.stringify(r!.body)).not.toContain('exploded');
  });

  it('tells the member when a command does not exist', async () => {
    const d = await slack.command({ command: '/nope' });
    expect((await responseTo(d.responseUrl))[0]!.body.text).toContain('There is no command /nope');
  });
});
