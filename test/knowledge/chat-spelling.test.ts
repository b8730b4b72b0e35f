// Members' chat spelling and paraphrases reach the entry that answers them, through the real service and base;
// the words that change what is asked (an opinion, a task no entry covers) still give "not sure".
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainEnglish } from '../../src/services/knowledge/chat-spelling.js';
import { KnowledgeService } from '../../src/services/knowledge/index.js';
import { openStore, type Store } from '../../src/storage/store.js';

let store: Store;
let k: KnowledgeService;
beforeAll(async () => {
  store = await openStore('sqlite://:memory:');
  k = await KnowledgeService.create({ dir: 'data/knowledge', store, clock: { now: () => new Date('2026-11-22T15:00:00Z') }, log: pino({ level: 'silent' }) });
});
afterAll(() => store.close());

const answer = async (q: string) => {
  const o = await k.ask(q);
  return o.kind === 'answer' ? o.entry.id : o.kind;
};

describe('chat spelling and paraphrases', () => {
  it('reads text-speak, digits used as words and a leader asking for someone else as plain English', () => {
    expect(plainEnglish('how much u gotta pay 4 the exam b4 i apply')).toBe('how much you have to pay for the exam before i apply');
    expect(plainEnglish('wat do i need 2 take')).toBe('what do i need to take');
    // "2 years" and "4 domains" are numbers, not words.
    expect(plainEnglish('ceus every 2 years, 4 domains')).toBe('ceus every 2 years, 4 domains');
    expect(plainEnglish('one of my members wants to know if the exam is online').trim()).toBe('the exam is online');
    expect(plainEnglish('cuanto cuesta el examen')).toBe('how much cost the exam');
  });

  it('answers questions written in members\' chat spelling with the entry that answers them', async () => {
    expect(await answer('how much 2 apply 4 crss')).toBe('application-fee');
    expect(await answer('wat does it cost 2 take the cprs test')).toBe('exam-fee');
    expect(await answer('how many ceus 4 crss every 2 yrs')).toBe('crss-ceus');
    expect(await answer('do my college internship hrs count 4 crss')).toBe('internship-hours');
    expect(await answer('wats the pass score 4 the cprs exam')).toBe('cprs-exam');
    expect(await answer('whats the damage for the crss test')).toBe('exam-fee');
    expect(await answer('is ther a fee waiver 4 ppl on ssi')).toBe('scholarship-fund');
  });

  it('answers paraphrases, Spanish-influenced English and leaders asking for others', async () => {
    expect(await answer('i dont have money for the fees, is there any help')).toBe('scholarship-fund');
    expect(await answer('cuantas horas de training for the cprs')).toBe('cprs-education-hours');
    expect(await answer('someone on my team wants to know how many supervision hours the crss needs')).toBe('crss-supervision');
    expect(await answer('a member asked me if their felony will block them from the cprs')).toBe('recovery-time-background');
    expect(await answer('does the living room cost anything')).toBe('living-room-program');
    expect(await answer('necesito ayuda para pagar el examen')).toBe('scholarship-fund');
    expect(await answer('who do i call if someone is in crisis and needs a team to come')).toBe('cares-line');
  });

  it('still says it is not sure about pay, retakes, opinions and tasks no entry covers', async () => {
    expect(await answer('how much do cprs get paid')).toBe('unsure');
    expect(await answer('can i retake the exam if i fail')).toBe('unsure');
    expect(await answer('what is the best recovery app')).toBe('unsure');
    expect(await answer('how do i update my address with icb')).toBe('unsure');
    expect(await answer('what is the phone number for niapp')).toBe('unsure');
    // Near an entry, but not what it answers: a member's own age, an employer paying, work hours (not training) from long ago.
    expect(await answer('how old do i have to be for the cprs')).toBe('unsure');
    expect(await answer('can my job pay for my certification')).toBe('unsure');
    expect(await answer('which one pays more crss or cprs')).toBe('unsure');
    expect(await answer('do hours from 5 years ago count for the crss')).toBe('unsure');
    // "book my exam" is no study book, a dress code no ethics code, Medicare not Medicaid (no typo correction there).
    expect(await answer('how far in advance should i book my exam')).toBe('unsure');
    expect(await answer('is there a dress code for peer specialists')).toBe('unsure');
    expect(await answer('does medicare pay for peer support')).toBe('unsure');
  });
});
