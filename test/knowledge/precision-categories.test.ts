// The categories of the wrong answers held-out set 3 found (issue 15, round 3), in wording of our own (not the set's):
// a named state other than Illinois asks about that state's rules unless the question takes the credential there;
// "who is it meant for" is eligibility, never renewal; unpaid or volunteer time toward a named credential is its work
// experience, never the entry of the place where it was done; and details no entry gives, found by probing in new
// wording. Each test failed before round 3 (at dd6341d); some cases in them are controls that passed then too.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/services/knowledge/index.js';
import { openStore, type Store } from '../../src/storage/store.js';

let store: Store;
let k: KnowledgeService;
beforeAll(async () => {
  store = await openStore('sqlite://:memory:');
  k = await KnowledgeService.create({ dir: 'data/knowledge', store, clock: { now: () => new Date('2026-12-02T15:00:00Z') }, log: pino({ level: 'silent' }) });
});
afterAll(() => store.close());

const got = async (q: string) => {
  const o = await k.ask(q);
  return o.kind === 'answer' ? o.entry.id : o.kind === 'ask' ? `ASK(${o.entries.map((e) => e.id).join(', ')})` : o.kind.toUpperCase();
};

describe('certification Q&A: the categories of round 3\'s wrong answers', () => {
  it('another state\'s own rules are "not sure"; taking the credential there is reciprocity', async () => {
    expect(await got('how do you get peer certified in michigan')).toBe('UNSURE');
    expect(await got('what does ohio need for a recovery coach certificate')).toBe('UNSURE');
    expect(await got('does my cprs count in indiana')).toBe('reciprocity');
    expect(await got('i am relocating to iowa, will my crss transfer')).toBe('reciprocity');
  });

  it('"who is it meant for" is eligibility: the overview, or asked back between the two', async () => {
    expect(await got('who is the cprs intended for')).toBe('cprs-overview');
    expect(await got('who is this certification really meant for')).toBe('ASK(crss-overview, cprs-overview)');
    // Words every entry shares single out none: never the renewal entry.
    expect(await got('tell me about the certification')).toBe('UNSURE');
  });

  it('volunteer or unpaid time toward the CRSS is its work experience, not the place\'s entry', async () => {
    expect(await got('do my unpaid hours at the living room count toward the crss')).toBe('crss-work-experience');
    expect(await got('i volunteer at a walk-in center, does it go toward my crss experience hours')).toBe('crss-work-experience');
    // The place itself is still answered by its entry.
    expect(await got('what is the living room program')).toBe('living-room-program');
  });

  it('a detail of a topic that no entry gives is "not sure", never the topic\'s entry', async () => {
    expect(await got('is the application fee refundable')).toBe('UNSURE');
    expect(await got('what is the pass rate for the cprs exam')).toBe('UNSURE');
    expect(await got('is there a waiting list for the living room')).toBe('UNSURE');
    expect(await got('do i get a certificate in the mail after passing')).toBe('UNSURE');
    expect(await got('do i need insurance to be a crss')).toBe('UNSURE');
    // The exam day's logistics and how hard an exam is: no entry says, so no ask-back between the two exams either.
    expect(await got('what should i wear to the exam')).toBe('UNSURE');
    expect(await got('where is the exam center')).toBe('UNSURE');
    expect(await got('which exam is harder')).toBe('UNSURE');
    expect(await got('how long until i get my certificate after i pass')).toBe('UNSURE');
  });

  it('a question naming the CHW and a peer credential is never the CHW entry\'s alone', async () => {
    expect(await got('can a chw become a crss')).toBe('ASK(chw-certification, become-crss)');
    // "national" alone does not name NAADAC's NCRS.
    expect(await got('is the cprs national')).not.toBe('ncrs');
    expect(await got('what is the national certified recovery specialist')).toBe('ncrs');
  });
});
