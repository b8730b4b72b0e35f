// Loaded into a bot process under measurement (NODE_OPTIONS=--import …/loop-probe.mjs): on SIGUSR2 it prints
// one JSON line on standard error with the event-loop delay since the last SIGUSR2 (perf_hooks
// monitorEventLoopDelay, ms; the histogram holds whole timer intervals, so the 10 ms sampling interval is taken off)
// and the latency of a libuv threadpool probe (an fs.stat every 20 ms), then resets.
// Not part of the bot: the bench's eyes inside the process.
import { stat } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;
const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
loop.enable();
let pool = [];
const probe = setInterval(() => {
  const t = performance.now();
  void stat(process.cwd()).then(() => pool.push(performance.now() - t));
}, 20);
probe.unref();
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  const line = {
    loopProbe: {
      loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), n: loop.count },
      pool: { p50: pct(pool, 50), p99: pct(pool, 99), max: Math.max(...pool, 0), n: pool.length },
      threadpool: Number(process.env.UV_THREADPOOL_SIZE || 4),
    },
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
  loop.reset();
  pool = [];
});
