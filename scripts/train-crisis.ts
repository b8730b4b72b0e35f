// npm run train:crisis — trains the crisis model and writes data/safety/model.json, printing the k-fold figures
// and, as a validation only, the figures on test/crisis/heldout2.json (never trained on).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { features, modelText } from '../src/services/safety/features.js';
import { probability } from '../src/services/safety/learn.js';
import { toWeights } from '../src/services/safety/model.js';
import { type Rates, build, rates, rulesFire } from './crisis-model.js';

const pct = (r: Rates) => `recall ${(100 * r.recall).toFixed(1)} % of ${r.crisis}, false alarms ${(100 * r.falseAlarms).toFixed(1)} % of ${r.ordinary}`;
const started = Date.now();
const { file, cv } = build();
const out = join(import.meta.dirname, '..', 'data', 'safety', 'model.json');
writeFileSync(out, `${JSON.stringify(file)}\n`);
console.log(`wrote ${out}: ${Object.keys(file.weights).length} weights, threshold ${file.threshold}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`k-fold  rules only: ${pct(cv.rules)}\nk-fold  model only: ${pct(cv.model)}\nk-fold  rules+model: ${pct(cv.combined)}`);

const held = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'test', 'crisis', 'heldout2.json'), 'utf8')) as { crisis: { text: string }[]; ordinary: { text: string }[] };
const items = [...held.crisis.map((c) => ({ text: c.text, crisis: true, source: 'heldout2' })), ...held.ordinary.map((o) => ({ text: o.text, crisis: false, source: 'heldout2' }))];
const weights = toWeights(file);
const p = items.map((l) => probability(weights, features(modelText(l.text))));
const byRules = items.map((l) => rulesFire(l.text));
console.log(`heldout2 (validation, never trained on)  rules only: ${pct(rates(items, byRules))}`);
console.log(`heldout2 (validation, never trained on)  model only: ${pct(rates(items, p.map((x) => x >= file.threshold)))}`);
console.log(`heldout2 (validation, never trained on)  rules+model: ${pct(rates(items, items.map((_, i) => byRules[i]! || p[i]! >= file.threshold)))}`);
