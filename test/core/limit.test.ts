import { describe, expect, it } from 'vitest';
import { Limit } from '../../src/core/limit.js';

describe('Limit', () => {
  it('runs at most `max` tasks at once, the rest in order, and passes results and errors through', async () => {
    const limit = new Limit(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      order.push(i);
      if (i === 3) throw new Error('three');
      return i * 10;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => limit.run(task(i))));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 10, 20, 'three', 40, 50]);
    expect(await limit.run(async () => 'free again')).toBe('free again');
  });
});
