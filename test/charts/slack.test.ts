// The results chart on Slack, through the real Bolt and WebClient against the stand-in: the PNG goes up with the
// files.uploadV2 flow (getUploadURLExternal → upload → completeUploadExternal, to no channel), and the final
// results message shows it in an image block by slack_file id with alt text stating the numbers; the text bars
// stay. Leadership's /poll results shows it privately. A renderer that fails leaves the text post intact.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import niapp from '../../commands/niapp.js';
import poll from '../../commands/poll.js';
import { type Block, type Posted, type SlackStandIn, blockText, startSlackStandIn, until } from '../standins/slack.js';
import { LEADER, MEMBER } from '../standins/slack-payloads.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';

let slack: SlackStandIn;
let bot: SlackBot;
beforeAll(async () => {
  slack = await startSlackStandIn();
  bot = await startSlackBot(slack, { commands: [poll, niapp] });
});
afterAll(async () => {
  await bot?.close();
  await slack?.close();
});

const user = (i: number) => ({ id: `U2${String(i).padStart(8, '0')}`, name: `member${i}` });
const idOf = (p: Posted) => /Poll (\w+)/.exec(blockText(p.blocks))![1]!;

async function pollWithVotes(question: string, votes: string[]) {
  await slack.command({ command: '/poll', text: `"${question}" "Yes" "No"`, user: MEMBER });
  const isPoll = (p: Posted) => blockText(p.blocks).includes(question) && p.blocks.some((b) => b.type === 'actions');
  await until(() => slack.posted.some(isPoll), 5000, 'the poll');
  const message = slack.posted.find(isPoll)!;
  const counted = slack.responses.filter((r) => JSON.stringify(r.body).includes('Your vote is recorded')).length;
  for (const [i, label] of votes.entries()) await slack.click({ message, label, user: user(i) });
  const id = idOf(message);
  await until(() => slack.responses.filter((r) => JSON.stringify(r.body).includes('Your vote is recorded')).length >= counted + votes.length, 5000, 'the votes');
  return id;
}

const finalPost = async (id: string) => {
  await until(() => slack.posted.some((p) => blockText(p.blocks).includes('Poll closed — final results') && blockText(p.blocks).includes(`Poll ${id}`)), 5000, 'the final results');
  return slack.posted.find((p) => blockText(p.blocks).includes('Poll closed — final results') && blockText(p.blocks).includes(`Poll ${id}`))!;
};

describe('results chart on Slack', () => {
  it('uploads the PNG with files.uploadV2 and shows it in an image block by slack_file id, alt text with the numbers', async () => {
    const id = await pollWithVotes('Should supervision hours be paid?', ['1. Yes', '1. Yes', '2. No']);
    await slack.command({ command: '/poll', text: `close ${id}`, user: LEADER });
    const post = await finalPost(id);
    const image = post.blocks.find((b) => b.type === 'image') as Block & { slack_file: { id: string }; alt_text: string };
    expect(image, JSON.stringify(post.blocks)).toBeDefined();
    const upload = slack.uploads.find((u) => u.fileId === image.slack_file.id)!;
    expect(upload).toMatchObject({ filename: `poll-${id}-results.png`, completed: true });
    expect(upload.channel).toBeUndefined(); // not shared as a loose file in the channel: the message shows it
    const png = PNG.sync.read(upload.bytes);
    expect(png.width).toBe(800);
    expect(image.alt_text).toContain('"Should supervision hours be paid?"');
    expect(image.alt_text).toContain('3 responses');
    expect(image.alt_text).toContain('Yes: 2 (67%); No: 1 (33%)');
    expect(upload.alt).toBe(image.alt_text);
    // The flow, in order, through the real WebClient.
    const methods = slack.calls.map((c) => c.method).filter((m) => /^files\.|chat\.postMessage/.test(m));
    const last = methods.lastIndexOf('chat.postMessage');
    expect(methods.slice(last - 2, last + 1)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal', 'chat.postMessage']);
    // The text bars stay, for notifications and clients that show no images.
    expect(blockText(post.blocks)).toContain('67% (2)');
    expect(post.text).toContain('67% (2)');
  });

  it("shows leadership's /poll results privately with the chart (and members without it)", async () => {
    const id = await pollWithVotes('Meet monthly?', ['2. No']);
    const asLeader = await slack.command({ command: '/poll', text: `results ${id}`, user: LEADER });
    const r = await slack.response(asLeader.responseUrl);
    expect(r.body.response_type).toBe('ephemeral');
    const image = (r.body.blocks as Block[]).find((b) => b.type === 'image') as Block & { slack_file: { id: string }; alt_text: string };
    expect(image.alt_text).toContain('No: 1 (100%)');
    expect(slack.uploads.find((u) => u.fileId === image.slack_file.id)?.completed).toBe(true);
    const asMember = await slack.command({ command: '/poll', text: `results ${id}`, user: user(9) });
    expect((await slack.response(asMember.responseUrl)).body.blocks as Block[]).not.toContainEqual(expect.objectContaining({ type: 'image' }));
  });

  it('a chart that cannot be rendered never blocks the results: the text goes out and the failure is logged', async () => {
    const id = await pollWithVotes('Raise dues?', ['1. Yes']);
    const logged = vi.spyOn(bot.services.log, 'error');
    const uploadsBefore = slack.uploads.length;
    bot.services.polls.chart = async () => {
      throw new Error('resvg exploded');
    };
    try {
      await slack.command({ command: '/poll', text: `close ${id}`, user: LEADER });
      const post = await finalPost(id);
      expect(blockText(post.blocks)).toContain('100% (1)');
      expect(post.blocks.some((b) => b.type === 'image')).toBe(false);
      expect(slack.uploads.length).toBe(uploadsBefore);
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ poll: id, err: expect.objectContaining({ message: 'resvg exploded' }) }), expect.stringContaining('chart'));
    } finally {
      logged.mockRestore();
      bot.services.polls.chart = (await import('../../src/services/charts/index.js')).renderChart;
    }
  });

  it('an upload Slack refuses leaves the text results, without a broken image block', async () => {
    const id = await pollWithVotes('Move the meeting?', ['2. No']);
    slack.fail('files.getUploadURLExternal', { status: 500 }, { status: 500 }, { status: 500 });
    await slack.command({ command: '/poll', text: `close ${id}`, user: LEADER });
    const post = await finalPost(id);
    expect(blockText(post.blocks)).toContain('100% (1)');
    expect(post.blocks.some((b) => b.type === 'image')).toBe(false);
  });
});
