// The real discord.js client against the local Discord stand-in: commands, options, clicks, forms,
// leadership, deferring, files and posting outside interactions.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { fixtures, landed } from '../discord/fixtures.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';
import type { Call } from '../standins/discord.js';
import { buildCommandJson, registerCommands } from '../../src/adapters/discord/registration.js';

const LEADER_ROLE = '1000000000000000500';
/** A leader role the gateway never described (not in the guild's role cache). */
const UNCACHED_ROLE = '1000000000000000501';
const leader = { id: '1200000000000000888', name: 'Lea', roles: [LEADER_ROLE] };
const member = { id: '1200000000000000777', name: 'Alice', roles: [] };

let bot: DiscordBot;
beforeAll(async () => {
  bot = await startDiscordBot([...commands.filter((c) => c.name === 'help'), ...fixtures], {
    standIn: { roles: [{ id: LEADER_ROLE, name: 'NIAPP leadership' }] },
    adapter: { autoDeferMs: 100 },
    env: { DISCORD_LEADER_ROLES: `${LEADER_ROLE},${UNCACHED_ROLE}`, DISCORD_ANNOUNCE_CHANNEL: '1000000000000000100' },
  });
});
afterAll(() => bot?.close());

const text = (c: Call) => [c.body?.data?.content ?? c.body?.content, ...(c.body?.data?.embeds ?? c.body?.embeds ?? []).map((e: any) => JSON.stringify(e))].join(' ');
const flags = (c: Call) => c.body?.data?.flags ?? c.body?.flags ?? 0;
const EPHEMERAL = 64;

describe('Discord adapter, end to end', () => {
  it('reaches ready with only the Guilds intent, registers the commands and adds its outlet', async () => {
    expect(bot.adapter.status()).toBe('connected');
    expect(bot.stand.identifies).toBe(1);
    const put = await bot.stand.waitFor((c) => c.method === 'PUT');
    expect(put.path).toBe(`/applications/${bot.stand.applicationId}/guilds/${bot.stand.guildId}/commands`);
    expect((put.body as any[]).map((c) => c.name)).toEqual(['help', 'echo', 'ask', 'vote', 'slow']);
    expect(bot.h.services.outlets.get('discord')?.announceChannel).toBe('1000000000000000100');
  });

  it('answers a slash command with typed options, publicly and without pings', async () => {
    const sent = bot.stand.slash('echo', [
      { name: 'text', type: 3, value: 'hi @everyone' },
      { name: 'times', type: 4, value: 2 },
      { name: 'mood', type: 3, value: 'glad' },
    ]);
    const [cb] = await bot.stand.answers(sent);
    expect(cb!.path).toBe(`/interactions/${sent.id}/${sent.token}/callback`);
    expect(cb!.body.type).toBe(4);
    expect(cb!.body.data.content).toBe('hi @everyone hi @everyone (glad)');
    expect(cb!.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(flags(cb!)).toBe(0);
  });

  it('collects numbered string options back into a list', async () => {
    const sent = bot.stand.slash('ask', [
      { name: 'question', type: 3, value: 'Best day?' },
      { name: 'answer1', type: 3, value: 'Monday' },
      { name: 'answer2', type: 3, value: 'Friday' },
    ]);
    const [cb] = await bot.stand.answers(sent);
    expect(cb!.body.data.embeds[0]).toEqual({ title: 'Best day?', fields: [{ name: '1', value: 'Monday' }, { name: '2', value: 'Friday' }] });
  });

  it('tells the member privately what was wrong with their options', async () => {
    const sent = bot.stand.slash('echo', [{ name: 'text', type: 3, value: 'hi' }, { name: 'times', type: 4, value: 9 }]);
    const [cb] = await bot.stand.answers(sent);
    expect(flags(cb!)).toBe(EPHEMERAL);
    expect(text(cb!)).toContain('can be at most 3');
  });

  it('routes a button click to its action: the message is updated and the member hears privately', async () => {
    const start = await bot.stand.answers(bot.stand.slash('vote', [{ name: 'start', type: 1, options: [] }]));
    const posted = start[0]!.body.data;
    await vi.waitFor(() => expect(landed.ref).toEqual({ platform: 'discord', channelId: bot.stand.channelIds[0], messageId: expect.stringMatching(/^\d+$/) }));
    expect(posted.components[0].components.map((b: any) => b.custom_id)).toEqual(['a|vote|pick|yes', 'a|vote|pick|no', 'a|vote|end|v1']);
    const message = bot.stand.message(bot.stand.channelIds[0]!, posted);
    const click = bot.stand.click('a|vote|pick|yes', message, member);
    const [update, follow] = await bot.stand.answers(click, 2);
    expect(update!.body.type).toBe(7);
    expect(update!.body.data.embeds[0].description).toBe('Last pick: yes');
    expect(follow!.method).toBe('POST');
    expect(follow!.path).toBe(`/webhooks/${bot.stand.applicationId}/${click.token}`);
    expect(follow!.body.content).toBe('You picked yes.');
    expect(flags(follow!)).toBe(EPHEMERAL);

    const choose = bot.stand.click('a|vote|pick|', message, member, ['soup']);
    const [sel] = await bot.stand.answers(choose, 2);
    expect(sel!.body.data.embeds[0].description).toBe('Last pick: soup');
  });

  it('refuses a leadership button and command to a member without the role, and allows a leader', async () => {
    const message = bot.stand.message(bot.stand.channelIds[0]!, { content: 'Lunch?' });
    const [refused] = await bot.stand.answers(bot.stand.click('a|vote|end|v1', message, member));
    expect(refused!.body.type).toBe(4);
    expect(flags(refused!)).toBe(EPHEMERAL);
    expect(text(refused!)).toContain('Only NIAPP leadership');

    const [allowed] = await bot.stand.answers(bot.stand.click('a|vote|end|v1', message, leader));
    expect(allowed!.body.type).toBe(7);

    const [cmd] = await bot.stand.answers(bot.stand.slash('vote', [{ name: 'close', type: 1, options: [] }], member));
    expect(flags(cmd!)).toBe(EPHEMERAL);
    expect(text(cmd!)).toContain('Only NIAPP leadership');
    const [ok] = await bot.stand.answers(bot.stand.slash('vote', [{ name: 'close', type: 1, options: [] }], leader));
    expect(ok!.body.data.content).toBe('The vote is closed.');
    const [uncached] = await bot.stand.answers(bot.stand.slash('vote', [{ name: 'close', type: 1, options: [] }], { ...member, roles: [UNCACHED_ROLE] }));
    expect(uncached!.body.data.content).toBe('The vote is closed.');
    const [admin] = await bot.stand.answers(bot.stand.slash('vote', [{ name: 'close', type: 1, options: [] }], { ...member, permissions: '32' }));
    expect(admin!.body.data.content).toBe('The vote is closed.');
  });

  it('opens a form as the first response and handles invalid and valid submissions', async () => {
    const [modal] = await bot.stand.answers(bot.stand.slash('vote', [{ name: 'suggest', type: 1, options: [] }], member));
    expect(modal!.body).toEqual({
      type: 9,
      data: { custom_id: 'f|vote|idea|v1', title: 'Suggest an idea', components: [{ type: 1, components: [{ type: 4, custom_id: 'idea', label: 'Your idea', style: 2, required: true, max_length: 4000 }] }] },
    });
    const [bad] = await bot.stand.answers(bot.stand.submit('f|vote|idea|v1', { idea: 'hm' }, member));
    expect(flags(bad!)).toBe(EPHEMERAL);
    expect(text(bad!)).toContain('**Your idea**: Use at least 5 characters.');
    expect(text(bad!)).toContain('hm');
    const [good] = await bot.stand.answers(bot.stand.submit('f|vote|idea|v1', { idea: 'Tacos on Friday' }, member));
    expect(good!.body.data.content).toBe('Idea for v1: Tacos on Friday');
    expect(flags(good!)).toBe(0);
  });

  it('defers a slow handler, then edits the placeholder', async () => {
    const sent = bot.stand.slash('slow', [{ name: 'private', type: 1, options: [] }]);
    const [defer, edit] = await bot.stand.answers(sent, 2);
    expect(defer!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(edit!.method).toBe('PATCH');
    expect(edit!.path).toBe(`/webhooks/${bot.stand.applicationId}/${sent.token}/messages/@original`);
    expect(edit!.body.content).toBe('Took a while.');
  });

  it('posts a slow public answer publicly: the private placeholder is removed and the answer follows up', async () => {
    const sent = bot.stand.slash('slow', [{ name: 'public', type: 1, options: [] }]);
    const [, del, follow] = await bot.stand.answers(sent, 3);
    expect(del!.method).toBe('DELETE');
    expect(follow!.method).toBe('POST');
    expect(follow!.body.content).toBe('Posted after a while.');
    expect(flags(follow!)).toBe(0);
  });

  it('still tells the member when a handler fails after the defer', async () => {
    const sent = bot.stand.slash('slow', [{ name: 'boom', type: 1, options: [] }]);
    const [defer, edit] = await bot.stand.answers(sent, 2);
    expect(defer!.body.type).toBe(5);
    expect(edit!.method).toBe('PATCH');
    expect(edit!.body.embeds[0].description).toMatch(/^Sorry, something went wrong.*reference [0-9a-f]{8}\.$/);
    expect(text(edit!)).not.toContain('kaboom');
  });

  it('sends attachments as multipart files', async () => {
    const [cb] = await bot.stand.answers(bot.stand.slash('slow', [{ name: 'export', type: 1, options: [] }]));
    // discord.js sends interaction files without a content type; Discord derives it from the name.
    expect(cb!.files.map(({ name, text }) => ({ name, text }))).toEqual([{ name: 'votes.csv', text: 'answer,count\nyes,3\n' }]);
    expect(flags(cb!)).toBe(EPHEMERAL);
  });

  it('registers the commands globally or to one server with npm run discord:register', async () => {
    const target = { token: 't', applicationId: bot.stand.applicationId, apiUrl: bot.stand.apiUrl };
    expect(await registerCommands(target, fixtures)).toBe(fixtures.length);
    expect(bot.stand.calls.at(-1)!.path).toBe(`/applications/${bot.stand.applicationId}/commands`);
    expect(await registerCommands({ ...target, guildId: bot.stand.guildId }, fixtures)).toBe(fixtures.length);
    expect(bot.stand.calls.at(-1)!.path).toBe(`/applications/${bot.stand.applicationId}/guilds/${bot.stand.guildId}/commands`);
    expect(bot.stand.calls.at(-1)!.body).toEqual(buildCommandJson(fixtures));
  });

  it('posts, edits, pings a role only when asked, and knows where it can post', async () => {
    const outlet = bot.h.services.outlets.get('discord')!;
    const channel = bot.stand.channelIds[0]!;
    const ref = await outlet.post(channel, { title: 'Training', text: 'Saturday', ping: { kind: 'role', role: LEADER_ROLE } });
    const post = await bot.stand.waitFor((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages`);
    expect(post.body.content).toBe(`<@&${LEADER_ROLE}>`);
    expect(post.body.allowed_mentions).toEqual({ parse: [], roles: [LEADER_ROLE] });
    await outlet.update(ref, { text: 'Moved to Sunday' });
    const edit = await bot.stand.waitFor((c) => c.method === 'PATCH' && c.path === `/channels/${channel}/messages/${ref.messageId}`);
    expect(edit.body.content).toBe('Moved to Sunday');
    expect(await outlet.canPost(channel)).toBe(true);
    expect(await outlet.canPost('1000000000000000999')).toBe(false);
    expect(await outlet.dm('1200000000000000555', { text: 'Reminder' })).toBe(true);
    expect(await outlet.dm('1200000000000000550', { text: 'Reminder' })).toBe(false);
    expect(await outlet.members?.(channel)).toBeUndefined();
  });
});
