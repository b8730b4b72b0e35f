// Shared setup for announcement tests: the real registry, services and sqlite store (harness), the scheduler
// started with timers off so that each test moves the TestClock and calls tick().
import { commands } from '../../commands/index.js';
import type { Outlet } from '../../src/core/context.js';
import type { Message } from '../../src/core/message.js';
import { type Harness, harness } from '../helpers/context.js';

export async function announceHarness(env: Record<string, string> = {}): Promise<Harness & { tick(ms?: number): Promise<void> }> {
  const h = await harness(commands, { ANNOUNCE_GRACE: '1h', ...env });
  const { scheduler } = h.services.announce;
  scheduler.useTimers = false;
  scheduler.retryDelaysMs = [5, 5];
  await scheduler.start();
  return Object.assign(h, {
    /** Moves the clock by `ms`, fires what is due and waits for the sends to finish. */
    async tick(ms = 0) {
      h.clock.advance(ms);
      await scheduler.tick();
      await scheduler.settled();
    },
  });
}

/** Adds a second outlet that records posts for one platform (the chat adapters are tested elsewhere). */
export function fakeOutlet(h: Harness, platform: 'slack' | 'discord', opts: { announceChannel?: string; channels?: string[]; fail?: () => boolean } = {}) {
  const posts: { channelId: string; msg: Message }[] = [];
  const dms: { userId: string; msg: Message }[] = [];
  let n = 0;
  const outlet: Outlet = {
    platform,
    announceChannel: opts.announceChannel ?? (platform === 'slack' ? 'C0ANNOUNCE' : '1000000000000000001'),
    async post(channelId, msg) {
      if (opts.fail?.()) throw Object.assign(new Error('ratelimited'), { code: 'slack_webapi_platform_error' });
      posts.push({ channelId, msg });
      return { platform, channelId, messageId: `${platform}-${++n}` };
    },
    async update() {},
    async dm(userId, msg) {
      dms.push({ userId, msg });
      return platform === 'slack';
    },
    async canPost(channelId) {
      return (opts.channels ?? []).includes(channelId) || channelId === outlet.announceChannel;
    },
  };
  h.services.outlets.add(outlet);
  return { outlet, posts, dms };
}
