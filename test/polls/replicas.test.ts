// Two replicas sharing one Redis store: a member's multi-choice toggles made through different replicas apply to
// the same record, and each replica's tally includes the other's votes.
import { createClient } from '@keyv/redis';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { harness, member } from '../helpers/context.js';

const REDIS = `${(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '')}/13`;

async function freshRedis(): Promise<boolean> {
  try {
    const client = createClient({ url: REDIS });
    await client.connect();
    await client.flushDb();
    await client.quit();
    return true;
  } catch (err) {
    if (process.env.STORE_TESTS_REQUIRED === '1') throw err;
    console.warn(`skipping: no Redis at ${REDIS}`);
    return false;
  }
}

describe('polls on a shared store', () => {
  it('agree across two replicas', async () => {
    if (!(await freshRedis())) return;
    const [a, b] = [await harness(commands, { BOT_DB: REDIS }), await harness(commands, { BOT_DB: REDIS })];
    try {
      const created = await a.run('/poll create "Which trainings?" "Ethics" "Supervision" "Billing" --multi');
      const id = /Poll (\w+)/.exec(created.map((s) => s.text).join('\n'))![1]!;
      const vote = (h: typeof a, who: string, option: number) =>
        h.registry.runAction(h.surface(member(who)), { command: 'poll', action: 'vote', value: `${id}:${option}` });

      await vote(a, 'maria', 0); // maria: Ethics (on replica A)
      await vote(b, 'maria', 1); // + Supervision (on replica B)
      await vote(b, 'maria', 0); // − Ethics (on B, which never saw the first click)
      await vote(a, 'jo', 2); // jo: Billing (on A)
      expect(b.said.at(-1)!.text).not.toMatch(/went wrong/);

      for (const h of [a, b]) {
        const t = await h.services.polls.tally(id);
        expect(t.voters).toBe(2);
        expect(t.counts).toEqual([0, 1, 1]);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('close at the deadline on a replica that did not create the poll, posting the results once', async () => {
    if (!(await freshRedis())) return;
    const [a, b] = [await harness(commands, { BOT_DB: REDIS }), await harness(commands, { BOT_DB: REDIS })];
    try {
      await b.services.polls.start(); // B's closer runs before the poll exists
      const created = await a.run('/poll create "Meet monthly?" "Yes" "No" --closes 2h');
      const id = /Poll (\w+)/.exec(created.map((s) => s.text).join('\n'))![1]!;
      await a.registry.runAction(a.surface(member('maria')), { command: 'poll', action: 'vote', value: `${id}:0` });

      b.clock.advance(3 * 3_600_000);
      await b.services.polls.closer.tick(); // B's next timer tick: it reads the deadlines again
      expect((await b.services.polls.get(id)).closedAt).toBeDefined();
      const finals = b.said.filter((s) => s.kind === 'post' && /final results/i.test(s.text));
      expect(finals).toHaveLength(1);
      expect(finals[0]!.text).toContain('1 voter');

      a.clock.advance(3 * 3_600_000);
      await a.services.polls.start(); // A comes round to it later: already closed, nothing posted again
      expect(a.said.filter((s) => s.kind === 'post' && /final results/i.test(s.text))).toHaveLength(0);
    } finally {
      await b.services.polls.stop();
      await a.services.polls.stop();
      await a.close();
      await b.close();
    }
  });
});
