// npm run train:crisis — trains the crisis model and writes data/safety/model.json, printing the k-fold figures
// and, as a validation only, the figures on test/crisis/heldout2.json (never trained on).
// npm run eval:crisis (--check) — the same figures, and fails if the committed model is not what the script makes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toWeights } from '../src/services/safety/model.js';
import { type Rates, build, decide, rates, rulesFire, scoresOf, tradeOff } from './crisis-model.js';

const pct = (r: Rates) => `recall ${(100 * r.recall).toFixed(1)} % of ${r.crisis}, false alarms ${(100 * r.falseAlarms).toFixed(1)} % of ${r.ordinary}`;
const started = Date.now();
const { file, cv, items: corpusItems } = build();
const out = join(import.meta.dirname, '..', 'data', 'safety', 'model.json');
const text = `${JSON.stringify(file)}\n`;
const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
if (process.argv.includes('--check')) {
  const same = readFileSync(out, 'utf8') === text;
  console.log(`${out} ${same ? 'is' : 'is NOT'} what the training script makes (${took}); run npm run train:crisis after changing the corpus or the features`);
  if (!same) process.exitCode = 1;
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}: ${Object.keys(file.weights).length} weights, threshold ${file.threshold}, ${took}`);
}
console.log(`k-fold  rules only: ${pct(cv.rules)}\nk-fold  model only: ${pct(cv.model)}\nk-fold  rules+model (veto ${cv.veto}): ${pct(cv.combined)}`);
console.log(`k-fold  the trade at other thresholds:\n  ${tradeOff(corpusItems, cv).join('\n  ')}`);

const held = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'test', 'crisis', 'heldout2.json'), 'utf8')) as { crisis: { text: string }[]; ordinary: { text: string }[] };
const items = [...held.crisis.map((c) => ({ text: c.text, crisis: true, source: 'heldout2' })), ...held.ordinary.map((o) => ({ text: o.text, crisis: false, source: 'heldout2' }))];
const weights = toWeights(file);
const byRules = items.map((l) => rulesFire(l.text));
const p = items.map((l) => scoresOf(weights, l.text));
console.log(`heldout2 (validation, never trained on)  rules only: ${pct(rates(items, byRules))}`);
console.log(`heldout2 (validation, never trained on)  model only: ${pct(rates(items, p.map((x) => x.whole >= file.threshold)))}`);
console.log(`heldout2 (validation, never trained on)  rules+model: ${pct(rates(items, items.map((_, i) => decide(byRules[i]!, p[i]!, file.threshold, file.veto))))}`);

// Time per message of the whole detector (rules and model), on the validation messages.
const { detect } = await import('../src/services/safety/detector.js');
const texts = items.map((l) => l.text);
for (const t of texts) detect(t);
const t0 = performance.now();
for (let k = 0; k < 20; k++) for (const t of texts) detect(t);
console.log(`detect(): ${((performance.now() - t0) / (20 * texts.length)).toFixed(3)} ms per message (mean of ${20 * texts.length}); model file ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
