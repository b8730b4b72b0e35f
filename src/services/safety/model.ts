// The learned half of the crisis detector: a logistic regression trained by `npm run train:crisis`
// (scripts/train-crisis.ts) on the training corpus in data/safety/train and the development set, loaded once at
// start from data/safety/model.json. It reads the same canonical text as the rules and gives a probability; the
// threshold in the file was chosen by cross-validation for at most 1 % false alarms (see the README).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type RuleSaid, features } from './features.js';
import { type Weights, probability } from './learn.js';

export interface ModelFile {
  /** What produced it: the script, the options and the data, for a reader of the file. */
  about: Record<string, unknown>;
  /** The model alone calls it a crisis from this probability on. */
  threshold: number;
  /** A rule hit stands unless the model's probability is below this (it is then sure the message is ordinary). */
  veto: number;
  bias: number;
  /** Feature → weight, sorted by feature. */
  weights: Record<string, number>;
  /** The second model: is the one at risk someone else (third person)? Same features, with the rules' guess. */
  person?: { threshold: number; bias: number; weights: Record<string, number> };
}

/** data/safety/model.json, found from this file whether it runs from src/ (tsx) or from dist/src/ (build). */
export function modelPath(): string {
  for (const up of ['../../../', '../../../../']) {
    const path = fileURLToPath(new URL(`${up}data/safety/model.json`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('crisis model data/safety/model.json is missing: run npm run train:crisis');
}

export function toWeights(file: ModelFile): Weights {
  return { bias: file.bias, weights: new Map(Object.entries(file.weights)) };
}

let loaded: { file: ModelFile; weights: Weights; person?: Weights } | undefined;
function model() {
  if (!loaded) {
    const file = JSON.parse(readFileSync(modelPath(), 'utf8')) as ModelFile;
    loaded = { file, weights: toWeights(file), person: file.person && toWeights({ ...file, ...file.person }) };
  }
  return loaded;
}

/** What the person model reads: the message's features and who the rules think is at risk. */
export const personFeatures = (text: string, rulesPerson: 'first' | 'third'): string[] => [`r:person:${rulesPerson}`, ...features(text)];

/** Who is at risk in a crisis message (already read by modelText): the person model, else the rules' guess. */
export function modelPerson(text: string, rulesPerson: 'first' | 'third'): 'first' | 'third' {
  const { file, person } = model();
  if (!person || !file.person) return rulesPerson;
  return probability(person, personFeatures(text, rulesPerson)) >= file.person.threshold ? 'third' : 'first';
}

export interface Scores {
  /** The probability that the whole message is a crisis. */
  whole: number;
  /** The highest of that and each sentence's own probability (a crisis sentence beside a certification question). */
  most: number;
  /** How many words the message has besides function words: the model alone does not judge one or two words (a
   * button value, "gone") nor a string of function words ("the of and"), whose score is little more than its bias. */
  words: number;
}

/** The fewest words for the model alone to call a crisis; shorter crisis messages ("kms", "suicidal") are the rules'. */
export const MIN_WORDS = 3;
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'as', 'but', 'if', 'so', 'than', 'that', 'this', 'these', 'those']);

/** The model's probabilities for a message already read by features.ts modelText, given what the rules said. */
export function scores(weights: Weights, text: string, said: RuleSaid): Scores {
  const whole = probability(weights, features(text, said));
  const sentences = text.split(' . ').filter((c) => c.split(' ').length >= 3);
  let most = whole;
  if (sentences.length > 1) for (const c of sentences) most = Math.max(most, probability(weights, features(c, said)));
  return { whole, most, words: text.split(' ').filter((w) => /^[a-z0-9]+$/.test(w) && !FUNCTION_WORDS.has(w)).length };
}

/**
 * The decision: a crisis when the whole message's probability passes the threshold, or when the rules fired and the
 * model is not sure it is ordinary: the message and each of its sentences would have to score below the veto level.
 */
export const decision = (s: Scores, ruled: boolean, threshold: number, veto: number): boolean =>
  (s.whole >= threshold && s.words >= MIN_WORDS) || (ruled && s.most >= veto);

/** The model's probability for a message (already read by features.ts modelText), and the decision with the rules. */
export function modelScore(text: string, said: RuleSaid): { p: number; crisis: boolean } {
  const { file, weights } = model();
  const s = scores(weights, text, said);
  return { p: s.whole, crisis: decision(s, said.crisis, file.threshold, file.veto) };
}
