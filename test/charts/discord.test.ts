// The results chart on Discord, through the real discord.js against the stand-in: the final results message
// carries the PNG as a multipart file, the embed shows it by attachment://name, and the attachment's
// description (Discord's alt text) states the numbers. Leadership's /poll results carries it privately.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import poll from '../../commands/poll.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';
import type { Call } from '../standins/discord.js';

const LEADER_ROLE = '1000000000000000500';
const lea = { id: '1200000000000000888', name: 'Lea', roles: [LEADER_ROLE] };
const alice = { id: '1200000000000000777', name: 'Alice' };
const voter = (i: number) => ({ id: `12000000000000010${String(i).padStart(2, '0')}`, name: `voter${i}` });

let bot: DiscordBot;
beforeAll(async () => {
  bot = await startDiscordBot([poll], { standIn: { roles: [{ id: LEADER_ROLE, name: 'NIAPP leadership' }] }, adapter: { autoDeferMs: 100 }, env: { DISCORD_LEADER_ROLES: LEADER_ROLE } });
  bot.h.services.outlets.remove('console');
});
afterAll(() => bot?.close());

const sub = (name: string, options: { name: string; type: number; value: unknown }[] = []) => [{ name, type: 1, options }];
const str = (name: string, value: string) => ({ name, type: 3, value });

async function pollWithVotes(question: string, votes: number[]) {
  const sent = bot.stand.slash('poll', sub('create', [str('question', question), str('option1', 'Yes'), str('option2', 'No')]), alice);
  const { body } = await bot.stand.waitFor((c) => c.token === sent.token && JSON.stringify(c.body ?? '').includes('Member poll'));
  const data = body.data ?? body;
  const id = /Poll (\w+)/.exec(JSON.stringify(data))![1]!;
  const message = bot.stand.message(bot.stand.channelIds[0]!, data);
  const buttons = data.components.flatMap((r: any) => r.components);
  for (const [i, choice] of votes.entries()) await bot.stand.answers(bot.stand.click(buttons[choice].custom_id, message, voter(i)));
  return id;
}

describe('results chart on Discord', () => {
  it('posts the PNG with the final results, shown in the embed, its description the alt text with the numbers', async () => {
    const id = await pollWithVotes('Should supervision hours be paid?', [0, 0, 0, 1]);
    await bot.stand.answers(bot.stand.slash('poll', sub('close', [str('id', id)]), lea));
    const post: Call = await bot.stand.waitFor((c) => c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path) && JSON.stringify(c.body ?? '').includes('Poll closed — final results') && JSON.stringify(c.body ?? '').includes(id));
    const name = `poll-${id}-results.png`;
    expect(post.files.map((f) => f.name)).toEqual([name]);
    const png = PNG.sync.read(post.files[0]!.bytes);
    expect([png.width, png.height > 200]).toEqual([800, true]);
    expect(post.body.embeds[0].image).toEqual({ url: `attachment://${name}` });
    const [attachment] = post.body.attachments;
    expect(attachment).toMatchObject({ id: 0, filename: name });
    expect(attachment.description).toContain('"Should supervision hours be paid?"');
    expect(attachment.description).toContain('4 responses');
    expect(attachment.description).toContain('Yes: 3 (75%); No: 1 (25%)');
    // The text bars stay in the embed.
    expect(post.body.embeds[0].description).toContain('75% (3)');
  });

  it("gives leadership's /poll results the chart privately, with its alt text", async () => {
    const id = await pollWithVotes('Meet monthly?', [1]);
    const sent = bot.stand.slash('poll', sub('results', [str('id', id)]), lea);
    const withFile = await bot.stand.waitFor((c) => c.token === sent.token && c.files.length > 0);
    const body = withFile.body.data ?? withFile.body;
    expect(body.flags & 64).toBe(64);
    expect(body.embeds[0].image.url).toBe(`attachment://poll-${id}-results.png`);
    expect(body.attachments[0].description).toContain('No: 1 (100%)');
    expect(PNG.sync.read(withFile.files[0]!.bytes).width).toBe(800);
  });
});
