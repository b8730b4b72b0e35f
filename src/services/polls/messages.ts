// The poll's messages on the platforms: posting a new poll (here, or to every announcement channel with
// --everywhere), remembering where it landed, keeping each copy's tally current with throttled edits, and the
// final edit plus results post at close.
// Edits are durable: before an edit is asked for, the message is marked "stale" in the store (poll-stale). The mark
// is cleared only after an edit that rendered the latest change made here succeeded; a failed edit is retried with
// backoff (throttle.ts), and marks left by a process that stopped or crashed are picked up at start (`resume`).
import type { Logger } from 'pino';
import type { Outlets } from '../../core/context.js';
import type { Message, MessageRef } from '../../core/message.js';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import { type Poll, postSchema } from './model.js';
import { renderChart, type ChartRenderer } from '../charts/index.js';
import { withChart } from './chart.js';
import { pollMessage, resultLines } from './render.js';
import { type Tally, tallyOf } from './tally.js';
import { type RetryPolicy, Throttle, type Timers } from './throttle.js';
import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { currentDeadline, withoutDeadline } from '../../core/deadline.js';

interface Deps {
  store: Store;
  outlets: Outlets;
  log: Logger;
  zone: string;
  editIntervalMs?: number;
  /** Draws the results chart of the final post (default: resvg). */
  chart?: ChartRenderer;
  /** Backoff of failed tally edits (default EDIT_RETRY) and its time source (tests). */
  editRetry?: RetryPolicy;
  timers?: Timers;
}

const staleSchema = z.object({ poll: z.string(), ref: postSchema });

const refKey = (r: MessageRef) => `${r.platform}:${r.channelId}:${r.messageId}`;

/** Waits for `work`, but not past the current interaction's deadline (if any); `work` goes on regardless. */
async function untilDeadline(work: Promise<unknown>): Promise<void> {
  const d = currentDeadline();
  if (!d) return void (await work);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((r) => (timer = setTimeout(r, Math.max(0, d.at - Date.now()))));
  await Promise.race([work, late]);
  clearTimeout(timer);
}

export class PollMessages {
  private readonly posts: Repo<MessageRef>;
  private readonly throttle: Throttle;
  private readonly postCache = new Map<string, MessageRef[]>();
  /** Fallback editors for messages whose platform has no outlet (e.g. a click's own message). */
  private readonly editors = new Map<string, (msg: Message) => Promise<void>>();
  /** Stale marks: one per message whose shown tally may be behind (see the top of this file). */
  private readonly stale: Repo<z.infer<typeof staleSchema>>;
  /** Changes asked for per message key; an edit clears the mark only if none came after it started rendering. */
  private readonly changes = new Map<string, number>();
  /** Message keys whose mark is in the store (as far as this process knows). */
  private readonly marked = new Set<string>();
  /** The store writes of one mark run in order. */
  private readonly markOps = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: Deps,
    /** The poll message as it should look now. */
    private readonly render: (pollId: string) => Promise<Message>,
  ) {
    this.posts = new Repo(deps.store, 'poll-posts', postSchema);
    this.stale = new Repo(deps.store, 'poll-stale', staleSchema, deps.log);
    this.throttle = new Throttle(deps.editIntervalMs ?? 1000, (err, key, attempt) => deps.log.warn({ err, message: key, attempt }, 'could not update a poll message; will try again'), {
      retry: deps.editRetry,
      timers: deps.timers,
      onGiveUp: (key) => deps.log.error({ message: key }, 'gave up updating a poll message after many failures; it is tried again at the next start'),
    });
  }

  /** Asks for an edit of every message left marked stale (by this process before a restart, or one that crashed). */
  async resume(): Promise<number> {
    const rows = await this.stale.list();
    for (const [, { poll, ref }] of rows) {
      const key = refKey(ref);
      this.marked.add(key);
      this.changes.set(key, (this.changes.get(key) ?? 0) + 1);
      this.throttle.request(key, () => withoutDeadline(() => this.edit(ref, poll)));
    }
    return rows.length;
  }

  /** Posts a new poll: to every connected announcement channel with --everywhere, else with `reply`. */
  async publish(poll: Poll, reply: (msg: Message) => Promise<MessageRef | undefined>): Promise<string[]> {
    const msg = pollMessage(poll, tallyOf(poll, []), this.deps.zone);
    const where: string[] = [];
    const targets = poll.everywhere ? this.deps.outlets.all().filter((o) => o.announceChannel) : [];
    for (const outlet of targets) {
      try {
        await this.addPost(poll.id, await outlet.post(outlet.announceChannel!, msg));
        where.push(`${outlet.platform} #${outlet.announceChannel}`);
      } catch (err) {
        this.deps.log.error({ err, platform: outlet.platform, poll: poll.id }, 'could not post a poll');
      }
    }
    if (!where.length) {
      const ref = await reply(msg);
      if (ref) await this.addPost(poll.id, ref);
      where.push('this channel');
    }
    return where;
  }

  async track(id: string, refs: MessageRef[]): Promise<void> {
    for (const ref of refs) await this.addPost(id, ref);
  }

  async postsOf(id: string): Promise<MessageRef[]> {
    let refs = this.postCache.get(id);
    if (!refs) this.postCache.set(id, (refs = (await this.posts.list(`${id}:`)).map(([, r]) => r)));
    return refs;
  }

  /** A click on a message the service did not know (the platform gave no ref when it was posted). */
  async noteSource(id: string, ref: MessageRef, edit?: (msg: Message) => Promise<void>): Promise<void> {
    if (edit && !this.deps.outlets.get(ref.platform)) this.editors.set(refKey(ref), edit);
    const refs = await this.postsOf(id);
    if (!refs.some((r) => r.platform === ref.platform && r.channelId === ref.channelId)) await this.addPost(id, ref);
  }

  /**
   * Marks every copy of the poll message stale and asks for a (throttled) edit of each. Both run outside the
   * click's deadline (background work); the click waits for the marks only until its deadline, so a vote that is
   * confirmed normally has its mark saved too (a crash right after still gets the edit at restart), and a slow
   * mark never holds back the answer of a saved vote.
   */
  async refresh(id: string): Promise<void> {
    const marks: Promise<void>[] = [];
    for (const ref of await this.postsOf(id)) {
      withoutDeadline(() => {
        marks.push(this.mark(id, ref));
        this.throttle.request(refKey(ref), () => withoutDeadline(() => this.edit(ref, id)));
      });
    }
    await untilDeadline(Promise.all(marks));
  }

  /** The poll messages show the final tally (exact: edits pending are dropped), and each channel gets the results. */
  async final(poll: Poll, tally: Tally): Promise<void> {
    const refs = await this.postsOf(poll.id);
    await Promise.all(refs.map(async (ref) => {
      await this.mark(poll.id, ref);
      await this.throttle.final(refKey(ref), () => withoutDeadline(() => this.edit(ref, poll.id)));
    }));
    const text: Message = {
      title: 'Poll closed — final results',
      text: [`**${poll.question}**`, '', ...resultLines(poll, tally, false)].join('\n'),
      footer: `${tally.voters} voter${tally.voters === 1 ? '' : 's'} · Poll ${poll.id}`,
      tone: 'success',
    };
    // The chart is drawn once for every channel; if it cannot be drawn, the text results still go out.
    const results = await withChart(text, poll, tally, this.deps.zone, this.deps.chart ?? renderChart, (err) =>
      this.deps.log.error({ err, poll: poll.id }, 'could not render the results chart; posting the text results only'),
    );
    const channels = new Map(refs.map((r) => [`${r.platform}:${r.channelId}`, r]));
    for (const ref of channels.values()) {
      const outlet = this.deps.outlets.get(ref.platform);
      if (!outlet) continue;
      await outlet.post(ref.channelId, results).catch((err: unknown) => this.deps.log.error({ err, poll: poll.id }, 'could not post final poll results'));
    }
  }

  flush(): Promise<void> {
    return this.throttle.flush();
  }

  async stop(): Promise<void> {
    await this.throttle.flush();
    this.throttle.stop();
  }

  private async addPost(id: string, ref: MessageRef): Promise<void> {
    const refs = await this.postsOf(id);
    if (refs.some((r) => refKey(r) === refKey(ref))) return;
    refs.push(ref);
    await this.posts.set(`${id}:${refKey(ref)}`, ref);
  }

  /** Renders the poll as it is now and edits one message; on success, clears its mark unless a change came since. */
  private async edit(ref: MessageRef, id: string): Promise<void> {
    const key = refKey(ref);
    const seen = this.changes.get(key) ?? 0;
    let msg: Message;
    try {
      msg = await this.render(id);
    } catch (err) {
      if (err instanceof UserError && err.id === 'poll.unknown') return this.clear(id, key, seen);
      throw err;
    }
    const outlet = this.deps.outlets.get(ref.platform);
    const editor = this.editors.get(key);
    if (outlet) await outlet.update(ref, msg);
    else if (editor) await editor(msg);
    else throw new Error(`no ${ref.platform} connection to edit the poll message with (yet)`);
    await this.clear(id, key, seen);
  }

  /** Records a change of the message's poll: the mark is written first (unless this process knows it is there). */
  private async mark(id: string, ref: MessageRef): Promise<void> {
    const key = refKey(ref);
    this.changes.set(key, (this.changes.get(key) ?? 0) + 1);
    if (this.marked.has(key)) return;
    this.marked.add(key);
    await this.inOrder(key, () => this.stale.set(`${id}:${key}`, { poll: id, ref })).catch((err: unknown) => {
      // The vote itself is saved; only a crash before the edit could now leave the message behind.
      this.marked.delete(key);
      this.deps.log.warn({ err, poll: id }, 'could not mark a poll message for its tally edit');
    });
  }

  /** Clears the mark after an edit that rendered change number `seen`, unless another change came since. */
  private async clear(id: string, key: string, seen: number): Promise<void> {
    if ((this.changes.get(key) ?? 0) !== seen || !this.marked.has(key)) return;
    this.marked.delete(key);
    this.changes.delete(key);
    // A change after this point writes its mark again, after this delete (the mark's writes run in order).
    await this.inOrder(key, () => this.stale.delete(`${id}:${key}`)).catch((err: unknown) => this.deps.log.warn({ err, poll: id }, 'could not clear a poll message mark'));
  }

  private inOrder<R>(key: string, op: () => Promise<R>): Promise<R> {
    const next = (this.markOps.get(key) ?? Promise.resolve()).catch(() => undefined).then(op);
    this.markOps.set(key, next);
    void next.finally(() => this.markOps.get(key) === next && this.markOps.delete(key)).catch(() => undefined);
    return next;
  }
}
