// Live tally edits are coalesced: at most one edit per interval per message; the final edit is always exact.
import { describe, expect, it } from 'vitest';
import { Throttle } from '../../src/services/polls/throttle.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Throttle', () => {
  it('turns a burst of 300 requests into one edit now and one at the end of the interval, showing the last state', async () => {
    const edits: number[] = [];
    const t = new Throttle(100, () => undefined);
    let state = 0;
    for (let i = 1; i <= 300; i++) {
      state = i;
      t.request('m1', async () => void edits.push(state));
      if (i === 150) await sleep(20);
    }
    expect(edits).toEqual([1]); // the first ran at once; the other 299 wait for the interval to pass
    await sleep(120);
    expect(edits).toEqual([1, 300]); // one edit for all of them, with the latest state
    await sleep(120);
    expect(edits).toEqual([1, 300]);
    t.stop();
  });

  it('keeps at most one edit per interval per message over a long stream, and messages do not wait for each other', async () => {
    const at: Record<string, number[]> = { a: [], b: [] };
    const t = new Throttle(50, () => undefined);
    const end = Date.now() + 400;
    while (Date.now() < end) {
      t.request('a', async () => void at.a!.push(Date.now()));
      t.request('b', async () => void at.b!.push(Date.now()));
      await sleep(2);
    }
    await t.flush();
    for (const times of Object.values(at)) {
      expect(times.length).toBeGreaterThanOrEqual(5);
      expect(times.length).toBeLessThanOrEqual(10);
      for (let i = 1; i < times.length - 1; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(45);
    }
    t.stop();
  });

  it('final drops what is pending and always runs', async () => {
    const edits: string[] = [];
    const t = new Throttle(1000, () => undefined);
    t.request('m', async () => void edits.push('live 1'));
    t.request('m', async () => void edits.push('live 2 (pending)'));
    await t.final('m', async () => void edits.push('final'));
    await sleep(20);
    expect(edits).toEqual(['live 1', 'final']);
    t.stop();
  });

  it('reports a failed edit and keeps going', async () => {
    const errors: unknown[] = [];
    const t = new Throttle(10, (err) => errors.push(err));
    t.request('m', async () => {
      throw new Error('429');
    });
    await sleep(5);
    let ok = false;
    t.request('m', async () => void (ok = true));
    await sleep(40);
    expect(errors).toHaveLength(1);
    expect(ok).toBe(true);
    t.stop();
  });
});
