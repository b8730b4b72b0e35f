// PollService: creates polls, records votes, keeps the posted messages' tallies current (throttled), closes
// polls (by hand or at the deadline), and produces results, reminders and exports. Platform-free: it posts
// through `outlets` and reads time from the clock.
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Actor, Outlets } from '../../core/context.js';
import { within } from '../../core/deadline.js';
import { UserError } from '../../core/errors.js';
import { memberText } from '../../core/text.js';
import type { Message, MessageRef } from '../../core/message.js';
import { OrderedIndex } from '../../storage/ordered-index.js';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import type { IdentityService } from '../identity/index.js';
import type { Lifecycle } from '../index.js';
import { type PollKeys, pollKeys } from './anonymity.js';
import { type ChartRenderer, renderChart } from '../charts/index.js';
import { withChart } from './chart.js';
import { Closer } from './closer.js';
import { PollMessages } from './messages.js';
import { type Poll, type Results, isOpen, pollSchema } from './model.js';
import { type ExportFile, exportFiles } from './export-files.js';
import { Outreach } from './outreach.js';
import type { ReportModel } from './report.js';
import { formatWhen, pollMessage } from './render.js';
import { type Tally, tallyOf } from './tally.js';
import type { RetryPolicy, Timers } from './throttle.js';
import { type Change, VoteBook, ballotsOf } from './votes.js';

export interface PollServiceDeps {
  store: Store;
  outlets: Outlets;
  clock: Clock;
  log: Logger;
  identity: IdentityService;
  zone: string;
  /** The bot secret (kept outside the store): anonymous ballots are sealed under keys derived from it. */
  secret: string;
  /** The shortest time between two edits of one poll message (default 1 s). */
  editIntervalMs?: number;
  /** Draws results charts (default: resvg); tests inject a failing one. */
  chart?: ChartRenderer;
  /** Backoff of failed tally edits (default EDIT_RETRY in throttle.ts) and its time source. */
  editRetry?: RetryPolicy;
  timers?: Timers;
}

export type NewPoll = Omit<Poll, 'id' | 'createdBy' | 'createdAt' | 'closedAt'>;

/** How long after a shared store said a poll was open a vote decided on it may still be written. */
const VOTE_WINDOW_MS = 2_000;
/** Room for the replicas' clocks and the store round trip on top of the window before a close counts. */
const VOTE_WINDOW_MARGIN_MS = 500;

/** How long one replica's claim to close a poll stands if it dies before writing the close. */
const CLOSING_CLAIM_MS = 60_000;
/**
 * A poll's place in the 'polls' index: open ones by deadline (no deadline: after every deadline, newest first,
 * as 2^53 minus the creation instant), closed ones by when they closed.
 */
export function orderOf(poll: Poll): ['open' | 'closed', number] {
  if (poll.closedAt) return ['closed', Date.parse(poll.closedAt)];
  return ['open', poll.closesAt ? Date.parse(poll.closesAt) : Number.MAX_SAFE_INTEGER - Date.parse(poll.createdAt)];
}

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export class PollService implements Lifecycle {
  readonly closer: Closer;
  readonly book: VoteBook;
  readonly outreach: Outreach;
  private readonly polls: Repo<Poll>;
  /** Open polls by deadline, closed ones by close (see orderOf); written after the record on create and close. */
  private readonly order: OrderedIndex;
  readonly messages: PollMessages;
  private readonly cache = new Map<string, Poll>();
  private readonly keyCache = new Map<string, PollKeys>();
  private readonly inflight = new Map<string, Set<Promise<unknown>>>();
  private readonly closing = new Set<string>();
  private readonly tallies = new Map<string, Promise<Tally>>();
  /** Draws results charts (resvg by default); replaceable, e.g. by a failing renderer in tests. */
  chart: ChartRenderer;

  constructor(private readonly deps: PollServiceDeps) {
    this.polls = new Repo(deps.store, 'polls', pollSchema, deps.log);
    this.order = new OrderedIndex(deps.store, 'polls');
    this.book = new VoteBook(deps.store);
    this.chart = deps.chart ?? renderChart;
    this.messages = new PollMessages({ ...deps, chart: (data) => this.chart(data) }, async (id) => pollMessage(await this.get(id), await this.tally(id), deps.zone));
    this.closer = new Closer({ clock: deps.clock, log: deps.log, deadlines: () => this.deadlines(), close: (id) => this.closeAtDeadline(id), shared: deps.store.shared });
    this.outreach = new Outreach(deps, this.book);
  }

  async start(): Promise<void> {
    await this.order.heal({
      version: 'v1',
      records: () => this.polls.count(),
      groups: ['open', 'closed'],
      fill: async (index) => {
        for (const [id, poll] of await this.polls.list()) await index.putIfAbsent(id, ...orderOf(poll));
      },
    });
    await this.closer.start();
    // Tally edits that a stopped or crashed process still owed.
    const owed = await this.messages.resume();
    if (owed) this.deps.log.info({ messages: owed }, 'updating poll messages left behind by the last run');
  }

  async stop(): Promise<void> {
    await this.closer.stop();
    await this.messages.stop();
  }

  async create(input: NewPoll, creator: Actor): Promise<Poll> {
    const now = this.deps.clock.now();
    for (;;) {
      const id = Array.from({ length: 6 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
      const poll: Poll = { ...input, id, createdBy: { platform: creator.platform, id: creator.id, name: creator.name }, createdAt: now.toISOString() };
      if (!(await this.polls.create(id, poll))) continue;
      await this.order.put(id, ...orderOf(poll));
      this.cache.set(id, poll);
      if (poll.closesAt) this.closer.watch(id, poll.closesAt);
      return poll;
    }
  }

  /**
   * Creates the poll of a scheduled occurrence under its own fixed id, or returns it if it exists: a restart or
   * a second replica rendering the same occurrence gets the same poll, never a second one (anonymous ballots are
   * sealed under keys derived from the bot secret and the poll id, so there is nothing else to create).
   */
  async ensure(id: string, input: NewPoll, creator: Poll['createdBy'], createdAt: Date): Promise<Poll> {
    const existing = this.cache.get(id) ?? (await this.polls.get(id));
    if (existing) return existing;
    const poll: Poll = { ...input, id, createdBy: creator, createdAt: createdAt.toISOString() };
    if (!(await this.polls.create(id, poll))) return (await this.polls.get(id))!;
    await this.order.put(id, ...orderOf(poll));
    this.cache.set(id, poll);
    if (poll.closesAt) this.closer.watch(id, poll.closesAt);
    return poll;
  }

  /** Remembers where a poll was posted (a scheduled poll, posted by the scheduler), for tallies and results. */
  track(id: string, refs: MessageRef[]): Promise<void> {
    return this.messages.track(id, refs);
  }

  /**
   * A poll by id. With a store shared by several replicas, `fresh` reads it from the store: another replica may
   * have closed it since this one cached it (votes, comments and closes read it so).
   */
  async get(rawId: string, fresh = false): Promise<Poll> {
    const id = rawId.trim().toLowerCase();
    const cached = fresh && this.deps.store.shared ? undefined : this.cache.get(id);
    const poll = cached ?? (/^[a-z0-9]{4,12}$/.test(id) ? await this.polls.get(id) : undefined);
    if (!poll) throw new UserError('poll.unknown', `There is no poll "${rawId.slice(0, 20)}". \`/poll list\` shows the open polls and their ids.`);
    this.cache.set(id, poll);
    return poll;
  }

  /** Records a click; returns the choices now recorded. Refuses after close, with nothing changed. */
  async vote(id: string, actor: Actor, change: Change, source?: { ref: MessageRef; edit?: (msg: Message) => Promise<void> }): Promise<{ poll: Poll; choices: number[] }> {
    const poll = await this.get(id);
    const choices = change.kind === 'set' ? change.choices : [change.choice];
    if (!choices.length || choices.some((c) => !Number.isInteger(c) || c < 0 || c >= poll.options.length)) {
      throw new UserError('poll.bad-choice', 'That option is not part of this poll. Use the buttons on the poll message.');
    }
    if (change.kind === 'set' && choices.length > poll.maxChoices) {
      throw new UserError('poll.too-many', `You can pick at most ${poll.maxChoices} option${poll.maxChoices === 1 ? '' : 's'} in this poll. Nothing was changed.`);
    }
    const recorded = await this.whileOpen(poll.id, async () => {
      const person = await this.deps.identity.personOf(actor);
      return this.book.cast(poll, this.keysOf(poll), { person, platform: actor.platform, name: actor.name }, change, this.deps.clock.now());
    });
    if (source) await this.messages.noteSource(poll.id, source.ref, source.edit);
    await this.messages.refresh(poll.id);
    return { poll, choices: recorded };
  }

  async comment(id: string, actor: Actor, text: string): Promise<Poll> {
    const poll = await this.get(id);
    if (!poll.comments) throw new UserError('poll.no-comments', 'This poll does not take comments.');
    const clean = memberText(text);
    if (!clean) throw new UserError('poll.empty-comment', 'That comment is empty once invisible characters are removed. Write it as plain text.');
    await this.whileOpen(poll.id, async () => {
      const person = await this.deps.identity.personOf(actor);
      await this.book.comment(poll, this.keysOf(poll), { person, platform: actor.platform, name: actor.name }, clean, this.deps.clock.now());
    });
    return poll;
  }

  /** The current tally, as a private message; results stay hidden until close when the poll says so. */
  async results(id: string, actor: Actor): Promise<Message> {
    const poll = await this.get(id);
    const tally = await this.tally(poll.id);
    const msg = pollMessage(poll, tally, this.deps.zone);
    delete msg.buttons;
    delete msg.select;
    if (isOpen(poll)) {
      const mine = await this.book.choicesOf(poll, this.keysOf(poll), await this.deps.identity.personOf(actor));
      msg.text += `\n\nYour vote: ${mine?.length ? mine.map((c) => poll.options[c]).join(', ') : 'none yet'}.`;
    }
    // Leadership also gets the chart (unless the results are still hidden); the text stays as the fallback.
    if (!actor.isLeader || (isOpen(poll) && poll.hideResults)) return msg;
    return withChart(msg, poll, tally, this.deps.zone, this.chart, (err) => this.deps.log.error({ err, poll: poll.id }, 'could not render a results chart'));
  }

  async listOpen(): Promise<{ poll: Poll; voters: number }[]> {
    const open = (await this.polls.list()).map(([, p]) => p).filter(isOpen);
    return Promise.all(open.map(async (poll) => ({ poll, voters: (await this.tally(poll.id)).voters })));
  }

  /** Every poll, open and closed, newest first. */
  async all(): Promise<Poll[]> {
    return (await this.polls.list()).map(([, p]) => p).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * One page of open polls (closing soonest first, those without a deadline after them, newest first) or of
   * closed polls (closed most recently first), with the group's total: read from the ordered index and the
   * page's own records, never the whole namespace.
   */
  async page(state: 'open' | 'closed', offset: number, limit: number): Promise<{ polls: Poll[]; total: number }> {
    const { ids, total } = await this.order.page(state, { offset, limit, reverse: state === 'closed' });
    const records = await this.polls.getMany(ids);
    const polls: Poll[] = [];
    for (const [i, poll] of records.entries()) {
      if (!poll) await this.order.remove(ids[i]!);
      else if (orderOf(poll)[0] !== state) await this.order.put(poll.id, ...orderOf(poll)); // closed since: moves on
      else polls.push(poll);
    }
    return { polls, total };
  }

  /** How many polls are open and closed (two counts in the store). */
  async counts(): Promise<{ open: number; closed: number }> {
    const [open, closed] = await Promise.all([this.order.count('open'), this.order.count('closed')]);
    return { open, closed };
  }

  /** Closes a poll: `by` must be its creator or leadership (the deadline closes with no `by`). */
  async close(id: string, by?: Actor): Promise<{ poll: Poll; tally: Tally }> {
    let poll = await this.get(id, true);
    if (by && !by.isLeader && !(await this.isCreator(poll, by))) {
      throw new UserError('poll.not-yours', 'Only the member who created this poll, or leadership, can close it.');
    }
    const closed = () => new UserError('poll.closed', `Poll ${poll.id} is already closed.`);
    if (!isOpen(poll) || this.closing.has(poll.id)) throw closed();
    this.closing.add(poll.id);
    try {
      // One replica closes; the others hear "already closed".
      // (The claim expires, so a replica that dies mid-close does not keep the poll open for ever.)
      const claimed = this.deps.store.shared && (await this.deps.store.claim('poll-closing', poll.id, { at: this.deps.clock.now().toISOString() }, CLOSING_CLAIM_MS));
      if (this.deps.store.shared && !claimed) throw closed();
      // Votes that passed the open check finish first, so the final tally counts every accepted vote.
      while (this.inflight.get(poll.id)?.size) await Promise.allSettled([...this.inflight.get(poll.id)!]);
      poll = { ...poll, closedAt: this.deps.clock.now().toISOString() };
      await this.polls.set(poll.id, poll).catch(async (err: unknown) => {
        if (claimed) await this.deps.store.keyv('poll-closing').delete(poll.id).catch(() => undefined);
        throw err;
      });
      this.cache.set(poll.id, poll);
      await this.order.put(poll.id, ...orderOf(poll));
      // Another replica's vote that read the poll open just before this write may still be on its way: it must
      // land within VOTE_WINDOW_MS of that read or the store refuses it (whileOpen), so counting after the
      // window sees every vote that any replica reported as recorded.
      if (this.deps.store.shared) await new Promise((r) => setTimeout(r, VOTE_WINDOW_MS + VOTE_WINDOW_MARGIN_MS));
    } finally {
      this.closing.delete(poll.id);
    }
    this.closer.forget(poll.id);
    // The sealed ballots become one results record and are deleted: nobody can link a vote to a member any more.
    if (!poll.public) {
      const { unreadable } = await this.book.seal(poll, this.keysOf(poll)!);
      if (unreadable) this.deps.log.warn({ poll: poll.id, unreadable }, 'ballots sealed under a lost bot secret were not counted');
    }
    this.book.forget(poll.id);
    this.tallies.delete(poll.id);
    const tally = await this.tally(poll.id);
    if (await this.deps.store.claim('poll-announced', poll.id, { at: poll.closedAt })) await this.messages.final(poll, tally);
    return { poll, tally };
  }

  /** The deadline's close: a poll already closed (by hand, a moment earlier) or gone is not an error. */
  private async closeAtDeadline(id: string): Promise<void> {
    try {
      await this.close(id);
    } catch (err) {
      if (err instanceof UserError && (err.id === 'poll.closed' || err.id === 'poll.unknown')) return;
      throw err;
    }
  }

  /** Runs pending tally edits now (tests; shutdown). */
  flush(): Promise<void> {
    return this.messages.flush();
  }

  async tally(id: string): Promise<Tally> {
    // Open polls: from the in-memory mirror of the votes. Closed polls: a scan of the store (the truth);
    // concurrent callers share one scan.
    let pending = this.tallies.get(id);
    if (!pending) {
      pending = this.get(id).then(async (poll) => {
        if (isOpen(poll)) return tallyOf(poll, await this.book.current(poll, this.keysOf(poll)));
        if (poll.public) return tallyOf(poll, (await this.book.list(poll, undefined)).map(([, v]) => v));
        return tallyOf(poll, ballotsOf(await this.resultsOf(poll)));
      });
      this.tallies.set(id, pending);
      void pending.finally(() => this.tallies.get(id) === pending && this.tallies.delete(id)).catch(() => undefined);
    }
    return pending;
  }

  /** Posts a new poll (see PollMessages.publish). */
  publish(poll: Poll, reply: (msg: Message) => Promise<MessageRef | undefined>): Promise<string[]> {
    return this.messages.publish(poll, reply);
  }

  postsOf(id: string): Promise<MessageRef[]> {
    return this.messages.postsOf(id);
  }

  /** The keys of an open anonymous poll, derived from the bot secret; undefined for public polls. */
  keysOf(poll: Poll): PollKeys | undefined {
    if (poll.public) return undefined;
    let keys = this.keyCache.get(poll.id);
    if (!keys) this.keyCache.set(poll.id, (keys = pollKeys(this.deps.secret, poll.id)));
    return keys;
  }

  /** A closed anonymous poll's results record (sealed now if a crash interrupted the close). */
  async resultsOf(poll: Poll): Promise<Results> {
    return (await this.book.results.get(poll.id)) ?? this.book.seal(poll, this.keysOf(poll)!);
  }

  /** The comment texts of a poll (anonymous: opened while open, from the results record once closed). */
  async commentsOf(id: string): Promise<string[]> {
    const poll = await this.get(id);
    if (poll.public) return [...(await this.book.publicComments(poll)).values()].map((c) => c.text);
    if (!isOpen(poll)) return (await this.resultsOf(poll)).comments;
    return this.book.openComments(poll, this.keysOf(poll)!);
  }

  /** What `/poll export` hands out: the report model and the files (export-files.ts). */
  exportOf(id: string): Promise<{ model: ReportModel; files: ExportFile[] }> {
    return exportFiles(this, this.deps, id);
  }

  isCreator = async (poll: Poll, actor: Actor): Promise<boolean> => {
    const [creator, them] = await Promise.all([this.deps.identity.personOf(poll.createdBy), this.deps.identity.personOf(actor)]);
    return creator.key === them.key;
  };

  private async whileOpen<T>(id: string, work: () => Promise<T>): Promise<T> {
    const checkedAt = Date.now();
    const poll = await this.get(id, true);
    if (!isOpen(poll) || this.closing.has(id)) {
      throw new UserError('poll.closed', `This poll closed${poll.closedAt ? ` on ${formatWhen(poll.closedAt, this.deps.zone)}` : ''}, so nothing was recorded. \`/poll results ${id}\` shows the final results.`);
    }
    // On a shared store another replica may close the poll right after this read: the write must land soon
    // enough for its count (see close), or not at all, and the member then hears it did not go through.
    if (this.deps.store.shared) {
      const bounded = work;
      work = () => within(checkedAt + VOTE_WINDOW_MS, bounded);
    }
    let set = this.inflight.get(id);
    if (!set) this.inflight.set(id, (set = new Set()));
    const running = work();
    set.add(running);
    try {
      return await running;
    } finally {
      set.delete(running);
    }
  }

  private async deadlines(): Promise<{ id: string; closesAt: string }[]> {
    return (await this.polls.list()).map(([, p]) => p).filter((p) => isOpen(p) && p.closesAt).map((p) => ({ id: p.id, closesAt: p.closesAt! }));
  }
}
