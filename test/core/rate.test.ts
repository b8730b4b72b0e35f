// Per-member rate limits: a member sending too much hears a friendly private "slow down" and nothing runs;
// other members are unaffected; the limit refills with time (the clock is injected).
import { describe, expect, it } from 'vitest';
import cert from '../../commands/cert.js';
import poll from '../../commands/poll.js';
import { RateLimiter } from '../../src/core/rate.js';
import { Registry } from '../../src/core/registry.js';
import { harness, member } from '../helpers/context.js';

describe('rate limits', () => {
  it('a token bucket per member and kind, refilled over time', () => {
    let t = 0;
    const rate = new RateLimiter({ 'cert ask': { burst: 3, everyMs: 1000 } }, () => t);
    expect([1, 2, 3].map(() => rate.check('slack', 'U1', 'cert ask'))).toEqual([0, 0, 0]);
    expect(rate.check('slack', 'U1', 'cert ask')).toBe(1000);
    expect(rate.check('slack', 'U2', 'cert ask')).toBe(0); // someone else
    expect(rate.check('slack', 'U1', 'other')).toBe(0); // no rule
    t += 1000;
    expect(rate.check('slack', 'U1', 'cert ask')).toBe(0);
  });

  it('tells a member who floods /cert to slow down, privately, and answers others as usual', async () => {
    const h = await harness([cert]);
    try {
      let t = 0;
      const registry = new Registry([cert], { services: h.services, log: h.services.log ?? (undefined as never), now: () => new Date(), rate: new RateLimiter(undefined, () => t), screen: h.services.crisis.screen });
      const spammer = member('spam');
      const answers: string[] = [];
      for (let i = 0; i < 12; i++) {
        const start = h.said.length;
        await registry.runText(h.surface(spammer), 'cert', 'how much is the exam');
        answers.push(h.said.slice(start).map((s) => s.text).join('\n'));
      }
      const slowed = answers.filter((a) => /Slow down a little/.test(a));
      expect(slowed.length).toBeGreaterThanOrEqual(5);
      expect(slowed[0]).toMatch(/wait \d+ seconds? and try again\. Nothing was changed\./);
      expect(h.said.filter((s) => /Slow down/.test(s.text)).every((s) => s.kind === 'ephemeral')).toBe(true);
      const start = h.said.length;
      await registry.runText(h.surface(member('other')), 'cert', 'how much is the exam');
      expect(h.said.slice(start).map((s) => s.text).join('\n')).not.toMatch(/Slow down/);
      t += 60_000;
      const later = h.said.length;
      await registry.runText(h.surface(spammer), 'cert', 'how much is the exam');
      expect(h.said.slice(later).map((s) => s.text).join('\n')).not.toMatch(/Slow down/);
    } finally {
      await h.close();
    }
  });

  it('poll creations refused for bad input do not use up the member\'s poll-creation allowance', async () => {
    const h = await harness([poll]);
    try {
      const registry = new Registry([poll], { services: h.services, log: h.services.log, now: () => new Date(), rate: new RateLimiter(undefined, () => 0), screen: h.services.crisis.screen });
      const carl = member('carl');
      const run = async (line: string) => {
        const start = h.said.length;
        await registry.runText(h.surface(carl), 'poll', line);
        return h.said.slice(start).map((s) => s.text).join('\n');
      };
      for (let i = 0; i < 5; i++) expect(await run(`create "Bad ${i}" "A" "a"`)).not.toContain('Slow down');
      expect(await run('create "Good one" "A" "B"')).not.toContain('Slow down');
      expect(await h.services.polls.listOpen()).toHaveLength(1);
      // Created polls still count: five in all, then the limit.
      for (let i = 0; i < 4; i++) await run(`create "Good ${i}" "A" "B"`);
      expect(await run('create "One too many" "A" "B"')).toContain('Slow down');
    } finally {
      await h.close();
    }
  });

  it('a member over every limit still gets the crisis message first (the net runs before the limits)', async () => {
    const h = await harness([cert]);
    try {
      const registry = new Registry([cert], { services: h.services, log: h.services.log, now: () => new Date(), rate: new RateLimiter(undefined, () => 0), screen: h.services.crisis.screen });
      const flooding = member('flood');
      for (let i = 0; i < 15; i++) await registry.runText(h.surface(flooding), 'cert', 'how much is the exam');
      const start = h.said.length;
      await registry.runText(h.surface(flooding), 'cert', 'i want to kill myself tonight');
      const said = h.said.slice(start);
      expect(said[0]!.kind).toBe('ephemeral');
      expect(said[0]!.text).toContain('988');
    } finally {
      await h.close();
    }
  });
});
