// Live tally edits are coalesced: at most one edit per interval per message; the final edit is always exact.
import { describe, expect, it } from 'vitest';
import { Throttle, type Timers } from '../../src/services/polls/throttle.js';

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
    const t = new Throttle(10, (err) => errors.push(err), { retry: { firstMs: 10, maxMs: 10, attempts: 5 } });
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

  it('retries a failed edit with backoff (2 s, 4 s, 8 s …), rendering the latest state each time, until one succeeds', async () => {
    const clock = new ManualTimers();
    const shown: number[] = [];
    let state = 1;
    let failuresLeft = 3;
    const errors: number[] = [];
    const t = new Throttle(1000, (_err, _key, attempt) => errors.push(attempt), { timers: clock });
    const edit = async () => {
      const rendered = state;
      if (failuresLeft-- > 0) throw new Error('503');
      shown.push(rendered);
    };
    t.request('m', edit);
    await clock.settle();
    expect(errors).toEqual([1]);
    expect(clock.due()).toEqual([2000]); // the first retry waits 2 s (not the 1 s edit interval)
    state = 2; // a vote while the retry waits: the request joins the retry, which renders the new state
    t.request('m', edit);
    expect(clock.due()).toEqual([2000]);
    await clock.advance(2000);
    expect(errors).toEqual([1, 2]);
    expect(clock.due()).toEqual([4000]);
    await clock.advance(4000);
    expect(clock.due()).toEqual([8000]);
    state = 3;
    await clock.advance(8000);
    expect(errors).toEqual([1, 2, 3]);
    expect(shown).toEqual([3]); // never an older state after a newer one: one edit, the latest
    expect(clock.due()).toEqual([]);
    expect(t.busy('m')).toBe(false);
    t.stop();
  });

  it('gives up after the policy\'s attempts (told once), and a flush tries a failing key at most once', async () => {
    const clock = new ManualTimers();
    const gaveUp: string[] = [];
    let attempts = 0;
    const t = new Throttle(10, () => undefined, { timers: clock, retry: { firstMs: 100, maxMs: 400, attempts: 4 }, onGiveUp: (k) => gaveUp.push(k) });
    t.request('m', async () => {
      attempts++;
      throw new Error('reset');
    });
    await clock.settle();
    await t.flush();
    expect(attempts).toBe(2);
    await clock.advance(200);
    expect(attempts).toBe(3);
    await clock.advance(400); // capped at maxMs
    expect(attempts).toBe(4);
    expect(gaveUp).toEqual(['m']);
    expect(clock.due()).toEqual([]);
    t.stop();
  });
});

/** Timers moved by hand: `advance` runs what falls due, in order, letting each edit settle. */
class ManualTimers implements Timers {
  private t = 1_000_000;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private n = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.n;
    this.queue.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.queue = this.queue.filter((q) => q.id !== id);
  };
  /** Delays of the timers waiting, from now. */
  due = () => this.queue.map((q) => q.at - this.t);
  async settle() {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  }
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const next = this.queue.filter((q) => q.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.queue = this.queue.filter((q) => q !== next);
      this.t = next.at;
      next.fn();
      await this.settle();
    }
    this.t = end;
  }
}
