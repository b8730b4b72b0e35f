// Two replicas sharing one Redis store: a member's multi-choice toggles made through different replicas apply to
// the same record, and each replica's tally includes the other's votes; a close on one replica is honoured by the
// other before it counts a vote (also when they race), and a link made on one counts at once on the other.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { harness, leader, member } from '../helpers/context.js';
import { freshRedis, redisDb } from '../helpers/redis.js';

const REDIS = redisDb(13);

describe('polls on a shared store', () => {
  it('agree across two replicas', async () => {
    if (!(await freshRedis(REDIS))) return;
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
    if (!(await freshRedis(REDIS))) return;
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

  it('refuse a vote on one replica after the other closed the poll (nothing recorded, tally unchanged)', async () => {
    if (!(await freshRedis(REDIS))) return;
    const [a, b] = [await harness(commands, { BOT_DB: REDIS }), await harness(commands, { BOT_DB: REDIS })];
    try {
      const created = await a.run('/poll create "Keep the Tuesday call?" "Yes" "No"');
      const id = /Poll (\w+)/.exec(created.map((s) => s.text).join('\n'))![1]!;
      const vote = (who: string) => a.registry.runAction(a.surface(member(who)), { command: 'poll', action: 'vote', value: `${id}:0` });
      await vote('maria'); // replica A has the poll in hand, open
      await b.run(`/poll close ${id}`, leader());
      await vote('jo');
      expect(a.said.at(-1)!.text).toMatch(/closed/);
      expect(a.said.at(-1)!.text).not.toMatch(/recorded:/);
      for (const h of [a, b]) expect((await h.services.polls.tally(id)).voters).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('count every vote a replica called recorded when another replica closes the poll at the same moment (40 polls × 5 voters)', async () => {
    if (!(await freshRedis(REDIS))) return;
    const [a, b] = [await harness(commands, { BOT_DB: REDIS }), await harness(commands, { BOT_DB: REDIS })];
    try {
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const created = await a.run(`/poll create "Race ${i}?" "Yes" "No"`);
        ids.push(/Poll (\w+)/.exec(created.map((s) => s.text).join('\n'))![1]!);
      }
      for (const id of ids) await a.services.polls.get(id); // A holds every poll open in its cache
      const answers = new Map<string, string[]>();
      await Promise.all(
        ids.map(async (id, i) => {
          const said: string[] = [];
          answers.set(id, said);
          const votes = ['v1', 'v2', 'v3', 'v4', 'v5'].map(async (who, k) => {
            await new Promise((r) => setTimeout(r, (i + k) % 7)); // spread the clicks around the close
            const voter = `${who}-${id}`;
            await a.registry.runAction(a.surface(member(voter)), { command: 'poll', action: 'vote', value: `${id}:${k % 2}` });
            said.push(...a.said.filter((x) => x.kind === 'ephemeral' && x.to === voter).map((x) => x.text));
          });
          const close = new Promise((r) => setTimeout(r, i % 9)).then(() => b.services.polls.close(id, leader())).catch(() => undefined);
          await Promise.all([...votes, close]);
        }),
      );
      let recorded = 0;
      let refused = 0;
      for (const id of ids) {
        const tally = await b.services.polls.tally(id);
        const told = answers.get(id)!.filter((t) => /Your vote is recorded/.test(t)).length;
        recorded += told;
        refused += 5 - told;
        expect(tally.voters, `poll ${id}: ${told} members were told "recorded"`).toBe(told);
      }
      console.log(`close-versus-vote race on Redis: ${recorded} votes recorded and counted, ${refused} refused as closed or not in time`);
      expect(recorded).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  it('count a member who linked accounts on one replica once when they vote from both platforms on the other', async () => {
    if (!(await freshRedis(REDIS))) return;
    const [a, b] = [await harness(commands, { BOT_DB: REDIS }), await harness(commands, { BOT_DB: REDIS })];
    try {
      const created = await b.run('/poll create "Link check?" "Yes" "No"');
      const id = /Poll (\w+)/.exec(created.map((s) => s.text).join('\n'))![1]!;
      const onSlack = member('U-maria', 'slack');
      const onDiscord = member('D-maria', 'discord');
      await b.registry.runAction(b.surface(member('someone')), { command: 'poll', action: 'vote', value: `${id}:1` }); // B has loaded who is who

      const shown = (await a.run('/niapp link', onSlack)).map((s) => s.text).join('\n');
      const code = /\/niapp link ([A-Z2-9]{8})\b/.exec(shown)![1]!;
      expect((await a.run(`/niapp link ${code}`, onDiscord)).map((s) => s.text).join('\n')).toMatch(/linked/i);

      await b.registry.runAction(b.surface(onSlack), { command: 'poll', action: 'vote', value: `${id}:0` });
      await b.registry.runAction(b.surface(onDiscord), { command: 'poll', action: 'vote', value: `${id}:0` });
      const tally = await b.services.polls.tally(id);
      expect(tally.voters).toBe(2); // "someone" and maria, once
      expect(tally.counts).toEqual([1, 1]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
