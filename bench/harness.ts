// The benchmark harness: each section measures its figure next to its floor (the same work done by the bare
// library) in one run, so the ratio means something on a noisy machine.

export interface Row {
  /** What was measured, e.g. 'Slack slash command p99'. */
  name: string;
  value: number;
  unit: string;
  /** The same measurement on the bare library, taken in the same run. */
  floor?: number;
  /** A goal the ratio value/floor (or the value itself) should meet, e.g. '≤ 1.25 × floor'. */
  goal?: string;
  note?: string;
}

export interface Section {
  title: string;
  run(): Promise<Row[]>;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Percentiles by nearest rank over a copy of the samples. */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { n: sorted.length, p50: at(50), p99: at(99), mean: sum / (sorted.length || 1), max: sorted.at(-1) ?? NaN };
}

/** Runs `task` `total` times with at most `inFlight` at once; returns each call's latency in ms and the wall time. */
export async function load(total: number, inFlight: number, task: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = new Array(total);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      await task(i);
      latencies[i] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  return { latencies, wallMs: performance.now() - started };
}
