// The poll's messages on the platforms: posting a new poll (here, or to every announcement channel with
// --everywhere), remembering where it landed, keeping each copy's tally current with throttled edits, and the
// final edit plus results post at close.
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
import { Throttle } from './throttle.js';

interface Deps {
  store: Store;
  outlets: Outlets;
  log: Logger;
  zone: string;
  editIntervalMs?: number;
  /** Draws the results chart of the final post (default: resvg). */
  chart?: ChartRenderer;
}

const refKey = (r: MessageRef) => `${r.platform}:${r.channelId}:${r.messageId}`;

export class PollMessages {
  private readonly posts: Repo<MessageRef>;
  private readonly throttle: Throttle;
  private readonly postCache = new Map<string, MessageRef[]>();
  /** Fallback editors for messages whose platform has no outlet (e.g. a click's own message). */
  private readonly editors = new Map<string, (msg: Message) => Promise<void>>();

  constructor(
    private readonly deps: Deps,
    /** The poll message as it should look now. */
    private readonly render: (pollId: string) => Promise<Message>,
  ) {
    this.posts = new Repo(deps.store, 'poll-posts', postSchema);
    this.throttle = new Throttle(deps.editIntervalMs ?? 1000, (err, key) => deps.log.warn({ err, message: key }, 'could not update a poll message'));
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

  /** Asks for a (throttled) edit of every copy of the poll message. */
  async refresh(id: string): Promise<void> {
    for (const ref of await this.postsOf(id)) this.throttle.request(refKey(ref), () => this.edit(ref, id));
  }

  /** The poll messages show the final tally (exact: edits pending are dropped), and each channel gets the results. */
  async final(poll: Poll, tally: Tally): Promise<void> {
    const refs = await this.postsOf(poll.id);
    await Promise.all(refs.map((ref) => this.throttle.final(refKey(ref), () => this.edit(ref, poll.id))));
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

  private async edit(ref: MessageRef, id: string): Promise<void> {
    const msg = await this.render(id);
    const outlet = this.deps.outlets.get(ref.platform);
    if (outlet) await outlet.update(ref, msg);
    else await this.editors.get(refKey(ref))?.(msg);
  }
}
