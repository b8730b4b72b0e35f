// --everywhere (one tally over several platforms' announcement channels) and leadership reminders.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outlet } from '../../src/core/context.js';
import type { Message, MessageRef } from '../../src/core/message.js';
import { renderPlain } from '../../src/core/plain.js';
import { type Harness, leader, member } from '../helpers/context.js';
import { pollHarness, postedPoll, press, privately } from './helpers.js';

let h: Harness;
let discord: { posts: { channel: string; message: Message }[]; updates: { ref: MessageRef; message: Message }[]; dms: string[]; members: string[] | undefined };

beforeEach(async () => {
  h = await pollHarness();
  discord = { posts: [], updates: [], dms: [], members: undefined };
  const outlet: Outlet = {
    platform: 'discord',
    announceChannel: '900000000000000001',
    async post(channelId, message) {
      discord.posts.push({ channel: channelId, message });
      return { platform: 'discord', channelId, messageId: `d${discord.posts.length}` };
    },
    async update(ref, message) {
      discord.updates.push({ ref, message });
    },
    async dm(userId) {
      discord.dms.push(userId);
      return true;
    },
    async canPost() {
      return true;
    },
    async members() {
      return discord.members;
    },
  };
  h.services.outlets.add(outlet);
});
afterEach(async () => {
  await h.close();
});

describe('--everywhere', () => {
  it('posts to every announcement channel and keeps one tally, edited on each platform', async () => {
    const said = await h.run('/poll create "Medicaid billing rules?" "Keep" "Change" --everywhere', leader());
    const consolePost = said.find((s) => s.kind === 'post')!;
    expect(consolePost.to).toBe('console');
    expect(discord.posts).toHaveLength(1);
    expect(discord.posts[0]!.channel).toBe('900000000000000001');
    const id = /Poll (\w+)$/.exec(discord.posts[0]!.message.footer!)![1]!;
    expect(privately(said, 'lead')).toContain(`Poll ${id} is posted in console #console and discord #900000000000000001`);

    const consoleRef: MessageRef = { platform: 'console', channelId: 'console', messageId: 'm1' };
    await press(h, member('alice'), consolePost.message, 'Keep', consoleRef);
    await press(h, member('444444444444444444', 'discord'), discord.posts[0]!.message, 'Change', { platform: 'discord', channelId: '900000000000000001', messageId: 'd1' });
    await h.services.polls.flush();
    expect(await h.services.polls.tally(id)).toMatchObject({ voters: 2, counts: [1, 1] });
    const onDiscord = renderPlain(discord.updates.at(-1)!.message);
    const onConsole = h.said.filter((s) => s.kind === 'update' && s.to === 'm1').at(-1)!.text;
    for (const text of [onDiscord, onConsole]) {
      expect(text).toContain('2 voters');
      expect(text).toContain('1. Keep\n█████░░░░░ 50% (1)');
    }
    // Closing posts the final results on both platforms.
    await h.run(`/poll close ${id}`);
    expect(discord.posts.at(-1)!.message.title).toBe('Poll closed — final results');
    expect(h.said.filter((s) => s.kind === 'post').at(-1)!.message.title).toBe('Poll closed — final results');
  });
});

describe('/poll remind', () => {
  it('nudges privately only the members who have not voted, on each platform that lists members', async () => {
    const consoleOutlet = h.services.outlets.get('console')!;
    consoleOutlet.members = async () => ['alice', 'bob', 'carol'];
    discord.members = ['111111111111111111', '222222222222222222'];
    const said = await h.run('/poll create "Q?" "A" "B" --everywhere', leader());
    const post = said.find((s) => s.kind === 'post')!;
    await press(h, member('alice'), post.message, 'A');
    await press(h, member('111111111111111111', 'discord'), discord.posts[0]!.message, 'B');
    const id = /Poll (\w+)$/.exec(post.message.footer!)![1]!;

    const reminded = await h.run(`/poll remind ${id}`, leader());
    const dms = reminded.filter((s) => s.kind === 'dm').map((s) => s.to);
    expect(dms.sort()).toEqual(['bob', 'carol']);
    expect(discord.dms).toEqual(['222222222222222222']);
    expect(reminded.find((s) => s.kind === 'dm')!.text).toContain('You have not voted yet');
    expect(privately(reminded, 'lead')).toContain('Reminded 3 members privately; 2 members have already voted and were not contacted.');
  });

  it('says where members cannot be listed, and is leadership-only', async () => {
    const said = await h.run('/poll create "Q?" "A" "B" --everywhere', leader());
    const id = /Poll (\w+)$/.exec(said.find((s) => s.kind === 'post')!.message.footer!)![1]!;
    const r = await h.run(`/poll remind ${id}`, leader());
    expect(privately(r, 'lead')).toContain('On console, discord the bot cannot list channel members');
    expect((await h.run(`/poll remind ${id}`, member('alice')))[0]!.text).toContain('Only NIAPP leadership can do that');
    expect((await h.run(`/poll export ${id}`, member('alice')))[0]!.text).toContain('Only NIAPP leadership can do that');
  });
});
