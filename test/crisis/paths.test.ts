// Every free-text path meets the net before any validation: /cert (typed, Discord options, 5,000 characters),
// poll comments (command and form), the poll creation form, event details and announcements. The crisis message
// comes first and privately; nothing of the words is stored; leadership sees only a daily number.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type Harness, harness, leader, member } from '../helpers/context.js';
import { postedPoll } from '../polls/helpers.js';

const CRISIS = 'honestly i just want to kms zebrafinch';
let h: Harness;
beforeEach(async () => {
  h = await harness(commands);
});
afterEach(async () => h.close());

const isCrisisAnswer = (text: string) => /988/.test(text) && text.includes('1-800-345-9049');
const everything = async () => {
  const rows: string[] = [];
  for (const ns of ['cert-unanswered', 'poll-comments', 'comments', 'polls', 'schedules', 'events', 'audit', 'announce-audit']) {
    for (const [k, v] of await h.services.store.scan(ns, '')) rows.push(`${k} ${JSON.stringify(v)}`);
  }
  return rows.join('\n');
};

describe('the crisis net on every path', () => {
  it('/cert: crisis message first, then the certification answer; nothing kept; counted', async () => {
    const said = await h.run('/cert how much is the exam, i cant take this anymore', member());
    expect(said.map((s) => s.kind)).toEqual(['ephemeral', 'ephemeral']);
    expect(isCrisisAnswer(said[0]!.text)).toBe(true);
    expect(said[1]!.message.title).toBe('Exam fee');
    expect(await h.services.knowledge.unanswered.frequent(new Date(0))).toEqual([]);
    expect((await h.services.crisis.daily(1))[0]).toEqual({ day: '2026-11-22', count: 1 });
  });

  it('/cert: a question followed by a crisis sentence is still answered after the crisis message', async () => {
    const said = await h.run('/cert how many hours for crss? honestly i feel like ending it all', member());
    expect(isCrisisAnswer(said[0]!.text)).toBe(true);
    expect(said).toHaveLength(2);
    expect(said[1]!.message.title).toMatch(/CRSS/);
    expect(said[1]!.text).toMatch(/hours/i);
  });

  it('/cert with 5,000 characters: the crisis message, then the length error', async () => {
    const said = await h.run(`/cert ${'please help me with my renewal. '.repeat(150)} ${CRISIS}`, member());
    expect(said).toHaveLength(2);
    expect(isCrisisAnswer(said[0]!.text)).toBe(true);
    expect(said[1]!.text).toContain('at most 500 characters');
  });

  it('Discord-style options are screened too, and the third-person message is for helpers', async () => {
    await h.registry.runOptions(h.surface(member('d', 'discord')), 'cert', 'ask', { question: 'my client just told me she wants to kill herself' });
    const first = h.said[0]!;
    expect(first.kind).toBe('ephemeral');
    expect(first.text).toMatch(/with.*or.*for/i);
    expect(first.text).toContain('911');
    expect(first.text).toContain('mobile crisis team');
  });

  it('Spanish gets the Spanish message', async () => {
    const said = await h.run('/cert ya no quiero vivir', member());
    expect(said[0]!.text).toContain('Llama o envía un texto al 988');
  });

  it('a crisis poll comment is not saved (command and form); the member gets the crisis message privately', async () => {
    const { id } = postedPoll(await h.run('/poll "Q?" "A" "B" --comments'));
    const typed = await h.run(`/poll comment ${id} "${CRISIS}"`, member());
    expect(typed.every((s) => s.kind === 'ephemeral')).toBe(true);
    expect(isCrisisAnswer(typed[0]!.text)).toBe(true);
    expect(typed[1]!.text).toContain('Nothing you wrote here was saved');
    const result = await h.registry.submitForm(h.surface(member('bob')), { command: 'poll', form: 'comment', state: id }, { comment: `${CRISIS} ${'x'.repeat(900)}` });
    expect(result).toMatchObject({ ok: true });
    expect(isCrisisAnswer(h.said.at(-2)!.text)).toBe(true);
    expect(h.said.some((s) => s.kind === 'reply' && s.text.includes('zebrafinch'))).toBe(false);
    expect(await h.services.polls.commentsOf(id)).toHaveLength(0);
    expect(await everything()).not.toContain('zebrafinch');
  });

  it('poll creation (typed and form), event details and announcements: not posted, not stored', async () => {
    await h.run(`/poll "${CRISIS}" "A" "B"`, member());
    await h.registry.submitForm(h.surface(member()), { command: 'poll', form: 'create' }, { question: 'Meet monthly?', options: `yes\n${CRISIS}` });
    await h.run(`/event add "Peer night" --at "2026-12-03 12:00" --details "${CRISIS}"`, leader());
    await h.run(`/announce now "${CRISIS}"`, leader());
    expect(h.said.filter((s) => s.kind === 'reply' || s.kind === 'post').map((s) => s.text).join('\n')).not.toContain('zebrafinch');
    expect(h.said.filter((s) => isCrisisAnswer(s.text))).toHaveLength(4);
    expect(await everything()).not.toContain('zebrafinch');
    expect((await h.services.crisis.daily(7)).at(-1)!.count).toBe(4);
  });

  it('professional questions are answered normally, with a one-line 988 reminder where the topic is suicide', async () => {
    const said = await h.run('/cert does the ASIST suicide prevention workshop count toward my CEUs', member());
    expect(said.some((s) => /You do not have to go through this alone/.test(s.text))).toBe(false);
    const ordinary = await h.run('/cert this paperwork is killing me, how do i renew', member());
    expect(ordinary.some((s) => isCrisisAnswer(s.text) && /alone/.test(s.text))).toBe(false);
    expect((await h.services.crisis.daily(1))[0]!.count).toBe(0);
  });

  it('/cert unanswered shows the daily count, as numbers only, to leadership', async () => {
    await h.run(`/cert ${CRISIS}`, member());
    h.clock.advance(24 * 3600 * 1000);
    await h.run('/cert i want to die', member('bob'));
    await h.run('/cert what colour is the sky', member('bob'));
    const [shown] = await h.run('/cert unanswered', leader());
    expect(shown!.text).toContain('Crisis answers (988 shown), last 7 days: 2');
    expect(shown!.text).toContain('11-22: 1');
    expect(shown!.text).toContain('11-23: 1');
    expect(shown!.text).toContain('what colour is the sky');
    expect(shown!.text).not.toMatch(/zebrafinch|kms|die/);
    expect(await h.services.crisis.daily(3)).toEqual([
      { day: '2026-11-21', count: 0 },
      { day: '2026-11-22', count: 1 },
      { day: '2026-11-23', count: 1 },
    ]);
  });
});
