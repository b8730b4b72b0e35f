// Teach, ask-back and the digest on Discord, through the real discord.js client against the local stand-in:
// /cert teach by a leader (Manage Server) answered at once, refused for a member; "the exam" asked back and one
// click answers; the monthly digest posted in DISCORD_LEADERSHIP_CHANNEL and nowhere else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { until } from '../helpers/wait.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';

const ANNOUNCE = '1000000000000000100';
const LEADERSHIP = '1000000000000000200';
const leader = { id: '1200000000000000555', name: 'jordan', permissions: '32' };
const member = { id: '1200000000000000777', name: 'maria' };

let bot: DiscordBot;
beforeAll(async () => {
  bot = await startDiscordBot(commands, { standIn: { channelIds: [ANNOUNCE, LEADERSHIP] }, env: { DISCORD_LEADERSHIP_CHANNEL: LEADERSHIP } });
});
afterAll(async () => {
  await bot?.close();
});

const str = (name: string, value: string) => ({ name, type: 3, value });
async function cert(sub: string, options: unknown[], who: object) {
  const sent = bot.stand.slash('cert', [{ name: sub, type: 1, options }], who);
  const calls = await bot.stand.answers(sent);
  // A deferred reply (type 5) is followed by an edit of the original message.
  const body = (calls[0]!.body?.type === 5 ? await bot.stand.answers(sent, 2) : calls).at(-1)!.body;
  return { body: body.data ?? body, text: JSON.stringify(body) };
}

describe('/cert on Discord (real discord.js)', () => {
  it('a leader teaches a phrasing, members get it at once; a member cannot teach', async () => {
    const q = 'is the crss honored across the border';
    expect((await cert('ask', [str('question', q)], member)).text).toContain('Not sure');
    expect((await cert('teach', [str('question', q), str('entry', 'reciprocity')], member)).text).toMatch(/Only NIAPP leadership/);
    expect((await cert('teach', [str('question', q), str('entry', 'reciprocity')], leader)).text).toMatch(/Taught/);
    expect((await cert('ask', [str('question', q)], member)).text).toContain('Moving states: reciprocity');
    expect((await bot.h.services.knowledge.audit.recent()).at(-1)).toMatchObject({ action: 'taught', actor: { id: leader.id, platform: 'discord' } });
  });

  it('"the exam" is asked back; one click gives the answer', async () => {
    const ask = await cert('ask', [str('question', 'the exam')], member);
    expect(ask.text).toContain('Which one do you mean?');
    const button = (ask.body.components as { components: { custom_id: string; label: string }[] }[]).flatMap((r) => r.components).find((b) => b.label === 'The CRSS exam')!;
    const sent = bot.stand.click(button.custom_id, bot.stand.message(ANNOUNCE, ask.body, { flags: 64 }), member);
    const answered = () => JSON.stringify(bot.stand.calls.filter((c) => c.token === sent.token)).includes('100 multiple-choice questions');
    await until(answered, 5000, 'the CRSS exam answer');
  });

  it('posts the monthly digest in the leadership channel only', async () => {
    const digest = bot.h.services.knowledge.digest('America/Chicago');
    bot.h.clock.set('2026-11-22T15:00:00Z');
    expect(await digest.tick()).toBe(false);
    const before = bot.stand.calls.length;
    bot.h.clock.set('2026-12-01T15:00:00Z');
    expect(await digest.tick()).toBe(true);
    const posts = bot.stand.calls.slice(before).filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));
    expect(posts.map((p) => p.path)).toEqual([`/channels/${LEADERSHIP}/messages`]);
    expect(JSON.stringify(posts[0]!.body)).toContain('Knowledge digest for 2026-12');
  });
});
