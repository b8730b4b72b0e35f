// Polls through the real discord.js client against the Discord stand-in: create with typed options, vote,
// change the vote, multi-choice limits, results, close by someone else (refused) and by leadership, export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import niapp from '../../commands/niapp.js';
import poll from '../../commands/poll.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';
import type { Call, Sent } from '../standins/discord.js';

const LEADER_ROLE = '1000000000000000500';
const lea = { id: '1200000000000000888', name: 'Lea', roles: [LEADER_ROLE] };
const alice = { id: '1200000000000000777', name: 'Alice' };
const bob = { id: '1200000000000000779', name: 'Bob' };

let bot: DiscordBot;
beforeAll(async () => {
  bot = await startDiscordBot([poll, niapp], {
    standIn: { roles: [{ id: LEADER_ROLE, name: 'NIAPP leadership' }] },
    adapter: { autoDeferMs: 100 },
    env: { DISCORD_LEADER_ROLES: LEADER_ROLE },
  });
  bot.h.services.outlets.remove('console');
});
afterAll(() => bot?.close());

const all = (calls: Call[]) => calls.map((c) => JSON.stringify(c.body ?? '') + c.files.map((f) => f.text).join('')).join('\n');
/** Everything the bot answered to one interaction; past a "thinking…" defer (the auto-defer on a busy machine). */
const isDefer = (c: Call) => c.body?.type === 5 || c.body?.type === 6;
const answer = async (sent: Sent, count = 1) => {
  const calls = await bot.stand.answers(sent, count);
  if (calls.every(isDefer)) await bot.stand.waitFor((c) => c.token === sent.token && !isDefer(c));
  return all(bot.stand.calls.filter((c) => c.token === sent.token));
};
const sub = (name: string, options: { name: string; type: number; value: unknown }[] = []) => [{ name, type: 1, options }];
const str = (name: string, value: string) => ({ name, type: 3, value });

/** Creates a poll; returns its id and the posted message (as the members' clients hold it). */
async function create(options: { name: string; type: number; value: unknown }[], who = alice) {
  const sent = bot.stand.slash('poll', sub('create', options), who);
  // Under load the auto-defer may answer first: wait for the call that carries the poll, however many came before.
  const posted = await bot.stand.waitFor((c) => c.token === sent.token && JSON.stringify(c.body ?? '').includes('Member poll'));
  const body = posted.body.data ?? posted.body;
  const id = /Poll (\w+)/.exec(JSON.stringify(body))![1]!;
  return { id, message: bot.stand.message(bot.stand.channelIds[0]!, body), body };
}
const button = (body: any, label: string): string => body.components.flatMap((r: any) => r.components).find((c: any) => c.label === label).custom_id;
const click = (p: { body: any; message: unknown }, label: string, who = alice) => bot.stand.click(button(p.body, label), p.message, who);

describe('polls on Discord', () => {
  it('creates from typed options, records a vote, changes it; multi-choice limits are enforced', async () => {
    const p = await create([str('question', 'Should supervision hours be paid?'), str('option1', 'Yes'), str('option2', 'No')]);
    expect(await answer(click(p, '1. Yes'))).toContain('Your vote is recorded: **Yes**');
    expect(await answer(click(p, '2. No'))).toContain('Your vote is recorded: **No**');
    expect(await bot.h.services.polls.tally(p.id)).toMatchObject({ voters: 1, counts: [0, 1] });
    await bot.h.services.polls.flush();
    const edit = await bot.stand.waitFor((c) => c.method === 'PATCH' && JSON.stringify(c.body).includes(`Poll ${p.id}`));
    expect(JSON.stringify(edit.body)).toContain('1 voter');

    const m = await create([str('question', 'Priorities?'), str('option1', 'Pay'), str('option2', 'Billing'), str('option3', 'Supervision'), { name: 'max', type: 4, value: 2 }]);
    await answer(click(m, '1. Pay'));
    await answer(click(m, '2. Billing'));
    expect(await answer(click(m, '3. Supervision'))).toContain('You can pick at most 2 options');
    expect(await bot.h.services.polls.tally(m.id)).toMatchObject({ voters: 1, counts: [1, 1, 0] });
  });

  it('refuses a too-short poll privately, creating nothing', async () => {
    const before = (await bot.h.services.polls.listOpen()).length;
    const text = await answer(bot.stand.slash('poll', sub('create', [str('question', 'Q?'), str('option1', 'Only')]), alice));
    expect(text).toContain('needs at least 2 entries');
    expect(text).toContain('"flags":64');
    expect((await bot.h.services.polls.listOpen()).length).toBe(before);
  });

  it('shows results, refuses closing by another member, closes for leadership, refuses later votes, exports', async () => {
    const p = await create([str('question', 'Raise dues?'), str('option1', 'Yes'), str('option2', 'No')]);
    await answer(click(p, '1. Yes', bob));
    expect(await answer(bot.stand.slash('poll', sub('results', [str('id', p.id)]), bob))).toContain('Your vote: Yes');
    expect(await answer(bot.stand.slash('poll', sub('close', [str('id', p.id)]), bob))).toContain('Only the member who created this poll');
    expect(await answer(bot.stand.slash('poll', sub('close', [str('id', p.id)]), lea))).toContain(`is closed with 1 voter`);
    await bot.stand.waitFor((c) => c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path) && JSON.stringify(c.body).includes('final results'));
    expect(await answer(click(p, '2. No', alice))).toContain('so nothing was recorded');
    const exported = bot.stand.slash('poll', sub('export', [str('id', p.id)]), lea);
    const calls = await bot.stand.answers(exported, 2);
    const files = calls.flatMap((c) => c.files);
    expect(files.map((f) => f.name).sort()).toEqual([`poll-${p.id}-report.md`, `poll-${p.id}-report.pdf`, `poll-${p.id}-votes.csv`]);
    expect(files.find((f) => f.name.endsWith('.csv'))!.text).toBe(`poll,Yes,No\n${p.id},1,0\n`);
    expect(files.find((f) => f.name.endsWith('.csv'))!.text).not.toContain(bob.id);
    expect(await answer(bot.stand.slash('poll', sub('export', [str('id', p.id)]), alice))).toContain('Only NIAPP leadership');
  });
});
