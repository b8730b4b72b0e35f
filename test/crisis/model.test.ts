// The learned half of the crisis net (src/services/safety/model.ts): the committed model file is exactly what the
// training script makes from the committed corpus, its threshold came from k-fold cross-validation, and phrasings
// no rule foresaw reach the member through it with the right message. `npm run eval:crisis` reruns the k-fold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { THRESHOLD, personPart, toFile, trainFinal, trainPerson } from '../../scripts/crisis-model.js';
import { rules } from '../../src/services/safety/detector.js';
import { IDIOMS, NEGATIONS, blank } from '../../src/services/safety/context.js';
import { type ModelFile, modelPath } from '../../src/services/safety/model.js';
import { normalise } from '../../src/services/safety/normalise.js';
import { crisisMessage, detect } from '../../src/services/safety/index.js';

const committed = JSON.parse(readFileSync(modelPath(), 'utf8')) as ModelFile;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const byRules = (text: string) => rules(normalise(text), blank(blank(normalise(text), IDIOMS), NEGATIONS)).crisis;

describe('crisis model', () => {
  it('is what npm run train:crisis makes from data/safety/train, the studied held-out sets and the development set (deterministic)', () => {
    const rebuilt = { ...toFile(trainFinal(), committed.threshold, committed.veto, committed.about), person: personPart(trainPerson()) };
    expect(Object.keys(rebuilt.weights).length).toBe(Object.keys(committed.weights).length);
    expect(rebuilt).toEqual(committed);
  }, 120_000);

  it('was chosen by k-fold cross-validation and catches more than the rules alone did', () => {
    const cv = committed.about.cross_validation as Record<'rules' | 'model' | 'combined', { recall: number; falseAlarms: number; crisis: number; ordinary: number }>;
    for (const [name, r] of Object.entries(cv)) {
      console.log(`crisis model, 5-fold over ${r.crisis} crisis / ${r.ordinary} ordinary: ${name} recall ${pct(r.recall)}, false alarms ${pct(r.falseAlarms)}`);
    }
    console.log(`crisis model: threshold ${committed.threshold}, veto below ${committed.veto}, ${Object.keys(committed.weights).length} weights`);
    expect(committed.threshold).toBe(THRESHOLD);
    expect(committed.veto).toBeLessThanOrEqual(0.3);
    expect(cv.combined.recall).toBeGreaterThan(cv.rules.recall + 0.1);
  });

  it('overrules a rule only when it is sure the message is ordinary, and then still adds the 988 reminder', () => {
    for (const text of ["i'm on the bridge, stuck in traffic, running late"]) {
      expect(byRules(text), text).toBe(true);
      expect(detect(text), text).toMatchObject({ crisis: false, topic: true });
      expect(detect(text).score).toBeLessThan(committed.veto);
    }
    // A crisis sentence beside a question is judged on its own: the rest of the message cannot talk it away.
    const mixed = 'how many ceus do i need for the renewal and where do i send the form. i want to die';
    expect(detect(mixed).crisis).toBe(true);
  });

  it('catches phrasings no rule foresaw, and picks the message for the writer or for a helper', () => {
    const cases = [
      { text: "i'll be out of everyone's hair for good after tonight", person: 'first' },
      { text: 'tonight is my last night', person: 'first' },
      { text: "i keep hoping something will happen to me so it's over", person: 'first' },
      { text: "my sponsee's last text just said thanks for everything and now his phone is off", person: 'third' },
    ] as const;
    for (const c of cases) {
      expect(byRules(c.text), `rules alone: ${c.text}`).toBe(false);
      const v = detect(c.text);
      expect(v, c.text).toMatchObject({ crisis: true, person: c.person, lang: 'en', families: ['learned'] });
      expect(JSON.stringify(crisisMessage(v))).toContain(c.person === 'first' ? 'call or text 988' : 'Getting help for them now');
    }
  });

  it('leaves idioms and negations ordinary, and a crisis beside an idiom is still a crisis', () => {
    for (const text of ['this paperwork is killing me', 'i am dying to hear back from ICB', 'i am not suicidal, just tired of the portal', 'my phone died during the webinar', 'my phone is about to die, i will finish the form later', "I don't want to die, I just want this week to be over", 'not thinking of hurting myself, just venting about my supervisor']) {
      expect(detect(text).crisis, text).toBe(false);
    }
    for (const text of ['this paperwork is killing me and honestly i want to die tonight', 'i am not suicidal, i just have the pills saved up for when i am ready', "i don't want to die but i don't want to live anymore either"]) {
      expect(detect(text).crisis, text).toBe(true);
    }
  });
});
