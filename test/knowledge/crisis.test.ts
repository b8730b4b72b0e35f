// The crisis guard: every crisis phrase (direct and indirect) gets the crisis answer first and privately, and
// its text is stored nowhere and logged nowhere. Ordinary questions about crisis services are not mistaken.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { isCrisis } from '../../src/services/knowledge/crisis.js';
import { KnowledgeService } from '../../src/services/knowledge/index.js';
import { openStore } from '../../src/storage/store.js';
import { type Harness, harness, member } from '../helpers/context.js';

export const CRISIS_PHRASES = [
  'i want to kill myself',
  'thinking about suicide',
  'i feel suicidal',
  'i want to die',
  'i just wanna die',
  "i can't go on like this",
  'i cant keep going anymore',
  'i want to end my life',
  "i'm going to end it all",
  'everyone would be better off without me',
  "i don't want to be here anymore",
  "i don't want to wake up tomorrow",
  'there is no reason to live',
  'i have nothing left to live for',
  'i have been cutting myself again',
  'how do i stop self-harm',
  'i keep hurting myself',
  'i think i overdosed',
  'i took too many pills',
  'my friend od\u2019d last night', // curly apostrophe from a phone
  'i wish i was dead',
  'i want to unalive myself',
  'thinking of taking my own life',
  'i see no way out',
  'i just want to give up on life',
  'how much is the exam, i cant take this anymore',
];

const NOT_CRISIS = [
  'what is the cares line number',
  'what is the 590 crisis system',
  'is the warm line a crisis line',
  'how do i become a crss',
  'how much is the test',
  'does the exam have odd questions',
  'can i go on to get my cprs after crss',
];

describe('crisis detector', () => {
  it(`recognises all ${CRISIS_PHRASES.length} crisis phrases`, () => {
    expect(CRISIS_PHRASES.length).toBeGreaterThanOrEqual(20);
    const missed = CRISIS_PHRASES.filter((p) => !isCrisis(p));
    expect(missed).toEqual([]);
  });

  it('does not fire on ordinary questions, including ones about crisis services', () => {
    expect(NOT_CRISIS.filter((p) => isCrisis(p))).toEqual([]);
  });
});

describe('/cert with crisis language', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers every crisis phrase first, privately, with 988, CARES and the Warm Line — 100 %', async () => {
    const h1 = (h = await harness(commands));
    let right = 0;
    for (const phrase of CRISIS_PHRASES) {
      const said = await h1.run(`/cert ${phrase}`, member());
      const first = said[0];
      if (
        first?.kind === 'ephemeral' &&
        said.every((s) => s.kind === 'ephemeral') &&
        /call or text 988/i.test(first.text) &&
        first.text.includes('1-800-345-9049') &&
        first.text.includes('1-866-359-7953') &&
        /not a crisis line/i.test(first.text) &&
        /may have changed/i.test(first.text)
      )
        right++;
    }
    console.log(`cert crisis phrases: ${right}/${CRISIS_PHRASES.length} got the crisis answer first`);
    expect(right).toBe(CRISIS_PHRASES.length);
    // Nothing of it was kept for leadership.
    expect(await h1.services.knowledge.unanswered.frequent(new Date(0))).toEqual([]);
  });

  it('still answers the certification part after the crisis answer', async () => {
    const h2 = (h = await harness(commands));
    const said = await h2.run('/cert how much is the exam, i cant take this anymore', member());
    expect(said).toHaveLength(2);
    expect(said[0]!.text).toContain('988');
    expect(said[1]!.message.title).toBe('Exam fee');
  });

  it('never writes crisis text to the log or the store', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const store = await openStore('sqlite://:memory:');
    const k = await KnowledgeService.create({ dir: 'data/knowledge', store, clock: { now: () => new Date() }, log: pino({ level: 'trace' }, sink) });
    const text = 'i want to end my life tonight zebra';
    expect((await k.ask(text)).kind).toBe('crisis');
    expect(await k.unanswered.add(text, new Date())).toBe(false);
    expect(lines.join('')).not.toMatch(/zebra|end my life/);
    expect(await k.unanswered.frequent(new Date(0))).toEqual([]);
    await store.close();
  });
});
