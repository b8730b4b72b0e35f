// Two replicas on one Redis store where only one has Discord connected (the gateway runs in one process): a
// scheduled Discord post that comes due is left by the replica without Discord to the one with it, and is taken by
// the replica without it only once it is HANDOFF_MS late (then reported as not posted), never lost.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Outlet } from '../../src/core/context.js';
import type { Message } from '../../src/core/message.js';
import { HANDOFF_MS } from '../../src/services/announcements/scheduler.js';
import { type Harness, harness } from '../helpers/context.js';
import { freshRedis, redisDb } from '../helpers/redis.js';

const REDIS = redisDb(12);

/** A Discord outlet that records what it posts. */
function discordOutlet(posted: string[]): Outlet {
  let n = 0;
  return {
    platform: 'discord',
    announceChannel: '1000',
    async post(channelId: string, msg: Message) {
      posted.push(msg.text ?? '');
      return { platform: 'discord', channelId, messageId: `d${++n}` };
    },
    async update() {},
    async dm() {
      return true;
    },
    async canPost() {
      return true;
    },
  };
}

async function replicas(): Promise<{ a: Harness; b: Harness; onDiscord: string[] }> {
  const [a, b] = [await harness(commands, { BOT_DB: REDIS }), await harness(commands, { BOT_DB: REDIS })];
  const onDiscord: string[] = [];
  b.services.outlets.add(discordOutlet(onDiscord)); // only B has Discord
  for (const h of [a, b]) {
    h.services.announce.scheduler.useTimers = false;
    h.services.announce.scheduler.retryDelaysMs = [];
    await h.services.announce.scheduler.start();
  }
  return { a, b, onDiscord };
}

async function tickAt(h: Harness, iso: string): Promise<void> {
  h.clock.set(iso);
  await h.services.announce.scheduler.tick();
  await h.services.announce.scheduler.settled();
}

describe('a Discord post with Discord connected in one replica only', () => {
  it('is left by the replica without Discord to the one with it, and posted once', async () => {
    if (!(await freshRedis(REDIS))) return;
    const { a, b, onDiscord } = await replicas();
    try {
      b.clock.set('2026-11-22T15:00:00Z');
      await b.run('/announce at "2026-11-22 10:00" "Peer call moved to Thursday" --to discord');
      await tickAt(a, '2026-11-22T15:59:00Z'); // A learns of the schedule from the store
      await tickAt(a, '2026-11-22T16:00:01Z'); // due: A has no Discord and leaves it
      expect(await a.services.announce.audit.recent(10)).not.toContainEqual(expect.objectContaining({ action: 'failed' }));
      await tickAt(b, '2026-11-22T16:00:02Z');
      expect(onDiscord.filter((t) => t.includes('Peer call moved'))).toHaveLength(1);
      await tickAt(a, '2026-11-22T16:05:00Z'); // A's second look: already claimed and sent
      const actions = (await b.services.announce.audit.recent(10)).map((e) => e.action);
      expect(actions.filter((x) => x === 'posted')).toHaveLength(1);
      expect(actions).not.toContain('failed');
    } finally {
      await a.services.announce.scheduler.stop();
      await b.services.announce.scheduler.stop();
      await a.close();
      await b.close();
    }
  });

  it('is taken and reported by a replica without Discord once no replica with it has posted it in time', async () => {
    if (!(await freshRedis(REDIS))) return;
    const { a, b, onDiscord } = await replicas();
    try {
      b.clock.set('2026-11-22T15:00:00Z');
      await b.run('/announce at "2026-11-22 10:00" "Nobody with Discord is up" --to discord');
      await b.services.announce.scheduler.stop(); // the replica with Discord goes away
      await tickAt(a, '2026-11-22T15:59:00Z');
      await tickAt(a, '2026-11-22T16:00:01Z');
      await a.services.announce.scheduler.fire((await a.services.announce.scheduler.schedules.list())[0]![1], new Date('2026-11-22T16:00:00Z'));
      expect((await a.services.announce.audit.recent(10)).map((e) => e.action)).not.toContain('failed'); // still within the hand-off time
      a.clock.set(new Date(Date.parse('2026-11-22T16:00:00Z') + HANDOFF_MS + 1000));
      await a.services.announce.scheduler.fire((await a.services.announce.scheduler.schedules.list())[0]![1], new Date('2026-11-22T16:00:00Z'));
      const failed = (await a.services.announce.audit.recent(10)).filter((e) => e.action === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.summary).toMatch(/discord: discord is not connected/);
      expect(onDiscord).toHaveLength(0);
    } finally {
      await a.services.announce.scheduler.stop();
      await a.close();
      await b.close();
    }
  });
});
