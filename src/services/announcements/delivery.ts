// Sends one claimed occurrence to each of its platforms, retrying a failed send with backoff, and records the
// outcome per platform in the outbox. Nothing is dropped silently: what could not be sent is reported.
import type { Logger } from 'pino';
import type { Outlets } from '../../core/context.js';
import type { Message, MessageRef } from '../../core/message.js';
import type { Outbox } from './outbox.js';
import type { OutboxRecord, Schedule } from './schedule-model.js';

export interface DeliveryDeps {
  outlets: Outlets;
  outbox: Outbox;
  log: Logger;
  /** Waits between attempts; the number of entries is the number of retries. */
  retryDelaysMs: number[];
  /** Aborted when the bot stops: an unfinished delivery is released (if nothing went out) or reported. */
  signal: AbortSignal;
}

export interface DeliveryResult {
  record: OutboxRecord;
  refs: MessageRef[];
  failed: { platform: string; error: string }[];
  /** True when the bot stopped before anything was sent: the claim was released for the next start. */
  released: boolean;
}

export class Interrupted extends Error {}

export async function deliver(deps: DeliveryDeps, schedule: Schedule, record: OutboxRecord, msg: Message): Promise<DeliveryResult> {
  const refs: MessageRef[] = [];
  const failed: DeliveryResult['failed'] = [];
  for (const platform of schedule.targets) {
    if (record.targets[platform]?.state === 'sent') continue;
    try {
      // This is the one retry policy of a post (the platform clients do not retry posts on their own); the key
      // makes a retry after an unknown outcome (a timeout, a reset) return the first post instead of a second.
      const key = `${record.scheduleId}@${record.at}:${platform}`;
      const ref = await withRetries(deps, record, async (retry) => {
        const outlet = deps.outlets.get(platform);
        if (!outlet) throw new Error(`${platform} is not connected`);
        const channel = schedule.channels[platform] ?? outlet.announceChannel;
        if (!channel) throw new Error(`${platform} has no announcement channel configured`);
        return outlet.post(channel, msg, { key, retry });
      });
      refs.push(ref);
      record.targets[platform] = { state: 'sent', channelId: ref.channelId, messageId: ref.messageId };
    } catch (err) {
      if (err instanceof Interrupted) {
        const anySent = Object.values(record.targets).some((t) => t?.state === 'sent');
        if (!anySent) {
          await deps.outbox.release(schedule.id, new Date(record.at));
          return { record, refs, failed, released: true };
        }
        record.targets[platform] = { state: 'failed', error: 'the bot stopped before it could post' };
        failed.push({ platform, error: 'the bot stopped before it could post' });
        continue;
      }
      const error = err instanceof Error ? err.message : String(err);
      deps.log.error({ schedule: schedule.id, platform, attempts: record.attempts, err }, 'announcement could not be posted');
      record.targets[platform] = { state: 'failed', error: error.slice(0, 200) };
      failed.push({ platform, error });
    }
    await deps.outbox.save(record);
  }
  record.state = failed.length ? 'failed' : 'sent';
  await deps.outbox.save(record);
  return { record, refs, failed, released: false };
}

/** `send(retry)`: retry is true when an earlier attempt (in this process or before a restart) may have landed. */
async function withRetries<T>(deps: DeliveryDeps, record: OutboxRecord, send: (retry: boolean) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (deps.signal.aborted) throw new Interrupted();
    try {
      const retry = record.attempts > 0;
      record.attempts++;
      return await send(retry);
    } catch (err) {
      const wait = deps.retryDelaysMs[attempt];
      if (wait === undefined) throw err;
      deps.log.warn({ schedule: record.scheduleId, attempt: attempt + 1, waitMs: wait, err }, 'post failed; retrying');
      await deps.outbox.save(record); // refreshes the lease while retrying
      await sleep(wait, deps.signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Interrupted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Interrupted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
