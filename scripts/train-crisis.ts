// npm run train:crisis — trains the crisis model and the person model and writes data/safety/model.json, printing
// the k-fold figures (every held-out set scored so far is now in the corpus: a fresh set is scored by hand, once).
// npm run eval:crisis (--check) — the same figures, and fails if the committed model is not what the script makes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Rates, build, tradeOff } from './crisis-model.js';

const pct = (r: Rates) => `recall ${(100 * r.recall).toFixed(1)} % of ${r.crisis}, false alarms ${(100 * r.falseAlarms).toFixed(1)} % of ${r.ordinary}`;
const started = Date.now();
const { file, cv, items: corpusItems, person } = build();
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

const pc = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(
  `k-fold  person (first/third) over ${person.messages} crisis messages (${person.third} third): rules ${pc(person.rules)}, person model ${pc(person.model)}; ` +
    `third read as first: rules ${person.thirdAsFirst[0]}, model ${person.thirdAsFirst[1]}; first read as third: rules ${person.firstAsThird[0]}, model ${person.firstAsThird[1]}`,
);

// Time per message of the whole detector (rules and model), on the validation messages.
const { detect } = await import('../src/services/safety/detector.js');
const texts = corpusItems.slice(0, 500).map((l) => l.text);
for (const t of texts) detect(t);
const t0 = performance.now();
for (let k = 0; k < 20; k++) for (const t of texts) detect(t);
console.log(`detect(): ${((performance.now() - t0) / (20 * texts.length)).toFixed(3)} ms per message (mean of ${20 * texts.length}); model file ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
