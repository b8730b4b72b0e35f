// A small logistic regression over sparse binary features, trained by plain stochastic gradient descent with L2
// shrinkage, in a fixed order (a seeded shuffle), so that the same data always gives the same weights. Written here
// rather than taken from npm: the registry's logistic regressions (ml-logistic-regression, natural's) work on dense
// matrices or pull in large dependency trees, and a text model has tens of thousands of mostly-absent features.

export interface Example {
  features: string[];
  crisis: boolean;
}
export interface Weights {
  bias: number;
  weights: Map<string, number>;
}

/** The probability that a message with these features is a crisis. */
export function probability(model: Weights, feats: string[]): number {
  if (!feats.length) return 1 / (1 + Math.exp(-model.bias));
  const scale = 1 / Math.sqrt(feats.length);
  let z = model.bias;
  for (const f of feats) z += (model.weights.get(f) ?? 0) * scale;
  return 1 / (1 + Math.exp(-z));
}

/** A deterministic pseudo-random sequence (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  const rand = seeded(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface TrainOptions {
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
  /** Features seen in fewer training messages than this are left out (noise, and a smaller model file). */
  minCount: number;
}
export const DEFAULTS: TrainOptions = { epochs: 30, rate: 0.5, l2: 1e-4, seed: 11, minCount: 2 };

export function train(examples: Example[], options: Partial<TrainOptions> = {}): Weights {
  const o = { ...DEFAULTS, ...options };
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const kept = (e: Example) => e.features.filter((f) => (counts.get(f) ?? 0) >= o.minCount);
  const data = examples.map((e) => ({ feats: kept(e), y: e.crisis ? 1 : 0 }));
  // Both classes weigh the same in total, whatever their counts.
  const positives = data.filter((d) => d.y === 1).length;
  const classWeight = [data.length / (2 * Math.max(1, data.length - positives)), data.length / (2 * Math.max(1, positives))];
  const model: Weights = { bias: 0, weights: new Map() };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const rate = o.rate / (1 + epoch * 0.2);
    for (const d of shuffled(data, o.seed + epoch)) {
      const g = (probability(model, d.feats) - d.y) * classWeight[d.y]!;
      const scale = d.feats.length ? 1 / Math.sqrt(d.feats.length) : 0;
      model.bias -= rate * g;
      for (const f of d.feats) {
        const w = model.weights.get(f) ?? 0;
        model.weights.set(f, w - rate * (g * scale + o.l2 * w));
      }
    }
  }
  return model;
}
