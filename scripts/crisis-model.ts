// Building the crisis model from the corpus: k-fold cross-validation to choose the threshold, then one model on
// everything. Deterministic (fixed fold assignment, fixed shuffle seeds), so the committed data/safety/model.json
// can be checked against a rebuild (test/crisis/model.test.ts).
import { features, modelText } from '../src/services/safety/features.js';
import { DEFAULTS, type Example, type TrainOptions, type Weights, probability, shuffled, train } from '../src/services/safety/learn.js';
import type { ModelFile } from '../src/services/safety/model.js';
import { rules } from '../src/services/safety/detector.js';
import { normalise } from '../src/services/safety/normalise.js';
import { IDIOMS, NEGATIONS, blank } from '../src/services/safety/context.js';
import { type Labelled, corpus } from './crisis-corpus.js';

export const FOLDS = 5;
/** The most false alarms on ordinary messages the model alone may give in cross-validation (out-of-fold scores). */
export const FALSE_ALARM_TARGET = 0.01;
const OPTIONS: TrainOptions = DEFAULTS;

export interface Rates {
  recall: number;
  falseAlarms: number;
  crisis: number;
  ordinary: number;
}
export interface CrossValidation {
  threshold: number;
  /** Out-of-fold probability of each corpus item. */
  p: number[];
  rules: Rates;
  model: Rates;
  combined: Rates;
}

export const exampleOf = (l: Labelled): Example => ({ features: features(modelText(l.text)), crisis: l.crisis });
export const rulesFire = (text: string): boolean => {
  const t = normalise(text);
  return rules(t, blank(blank(t, IDIOMS), NEGATIONS)).crisis;
};

export function rates(items: Labelled[], flagged: boolean[]): Rates {
  const crisis = items.filter((l) => l.crisis).length;
  const hit = items.filter((l, i) => l.crisis && flagged[i]).length;
  const alarms = items.filter((l, i) => !l.crisis && flagged[i]).length;
  return { recall: hit / crisis, falseAlarms: alarms / (items.length - crisis), crisis, ordinary: items.length - crisis };
}

/** Out-of-fold probabilities: each message scored by a model that never saw it. Folds keep the class balance. */
export function outOfFold(items: Labelled[], examples: Example[], options: TrainOptions = OPTIONS): number[] {
  const fold = new Array<number>(items.length);
  for (const label of [true, false]) {
    const idx = shuffled(items.map((l, i) => (l.crisis === label ? i : -1)).filter((i) => i >= 0), 1234);
    idx.forEach((i, k) => (fold[i] = k % FOLDS));
  }
  const p = new Array<number>(items.length);
  for (let f = 0; f < FOLDS; f++) {
    const model = train(examples.filter((_, i) => fold[i] !== f), options);
    for (const [i, e] of examples.entries()) if (fold[i] === f) p[i] = probability(model, e.features);
  }
  return p;
}

export function crossValidate(items: Labelled[], examples: Example[]): CrossValidation {
  const p = outOfFold(items, examples);
  const byRules = items.map((l) => rulesFire(l.text));
  let threshold = 0.99;
  for (let t = 0.99; t >= 0.05 - 1e-9; t -= 0.01) {
    const r = rates(items, p.map((x) => x >= t));
    if (r.falseAlarms > FALSE_ALARM_TARGET) break;
    threshold = Math.round(t * 100) / 100;
  }
  return {
    threshold,
    p,
    rules: rates(items, byRules),
    model: rates(items, p.map((x) => x >= threshold)),
    combined: rates(items, items.map((_, i) => byRules[i]! || p[i]! >= threshold)),
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function toFile(model: Weights, threshold: number, about: Record<string, unknown>): ModelFile {
  const weights: Record<string, number> = {};
  for (const [f, w] of [...model.weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (Math.abs(w) >= 0.002) weights[f] = round(w);
  return { about, threshold, bias: round(model.bias), weights };
}

/** The final model on the whole corpus, without cross-validation (what the model test rebuilds). */
export function trainFinal(items: Labelled[] = corpus()): Weights {
  return train(items.map(exampleOf), OPTIONS);
}

/** The whole build: corpus → cross-validation → final model file (as an object). */
export function build(): { file: ModelFile; cv: CrossValidation; items: Labelled[] } {
  const items = corpus();
  const examples = items.map(exampleOf);
  const cv = crossValidate(items, examples);
  const model = train(examples, OPTIONS);
  const about = {
    made_by: 'npm run train:crisis (scripts/train-crisis.ts); do not edit by hand',
    features: 'word stems, stem pairs, character 3-5-grams of the normalised, idiom- and negation-blanked text (src/services/safety/features.ts)',
    options: OPTIONS,
    corpus: { crisis: cv.combined.crisis, ordinary: cv.combined.ordinary },
    threshold_by: `${FOLDS}-fold cross-validation, lowest threshold with model-only false alarms <= ${FALSE_ALARM_TARGET * 100} %`,
    cross_validation: { rules: cv.rules, model: cv.model, combined: cv.combined },
  };
  return { file: toFile(model, cv.threshold, about), cv, items };
}
