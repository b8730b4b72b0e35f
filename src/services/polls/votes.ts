// Votes: one record per (poll, voter key), written whole. Nothing shared is read-modify-written: a tally is
// derived from these records (tally.ts). With a store of one process (sqlite), an open poll's records are also
// mirrored in memory (loaded by one scan, then kept current by this process's writes, the only writes), so that
// live tallies and toggles need no store reads. With a shared store (several replicas), another process may
// have written: a member's own record and the tally are then read from the store. The store is the truth, and a
// closed poll is always tallied by a scan. One member's simultaneous clicks are serialised in each process.
import { UserError } from '../../core/errors.js';
import type { Platform } from '../../core/message.js';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Person } from '../identity/index.js';
import { coarseTime, voterKey } from './anonymity.js';
import { type Comment, type Poll, type Vote, commentSchema, voteSchema } from './model.js';

/** A click: pick exactly these options (single choice, or a select), or switch one option on/off (multi). */
export type Change = { kind: 'set'; choices: number[] } | { kind: 'toggle'; choice: number };

export interface Voter {
  person: Person;
  platform: Platform;
  name: string;
}

type Live = Map<string, Vote>;

export class VoteBook {
  readonly votes: Repo<Vote>;
  readonly comments: Repo<Comment>;
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Poll id → its vote records by voter key, for open polls this process has seen votes on. */
  private readonly live = new Map<string, Promise<Live>>();

  /** False with a shared store: the in-memory mirror is then not the whole truth. */
  private readonly mirror: boolean;

  constructor(store: Store) {
    this.votes = new Repo(store, 'poll-votes', voteSchema);
    this.comments = new Repo(store, 'poll-comments', commentSchema);
    this.mirror = !store.shared;
  }

  /** A voter's record: from the mirror when it is the whole truth, else from the store. */
  private async recordOf(live: Live, pollId: string, key: string): Promise<Vote | undefined> {
    return this.mirror ? live.get(key) : this.votes.get(`${pollId}:${key}`);
  }

  /** Applies a click and returns the choices now recorded for this voter. */
  async cast(poll: Poll, salt: string | undefined, voter: Voter, change: Change, now: Date): Promise<number[]> {
    const live = await this.liveOf(poll.id);
    const key = voterKey(voter.person.key, salt);
    return this.serial(`${poll.id}:${key}`, async () => {
      let current = (await this.recordOf(live, poll.id, key))?.choices;
      // A vote cast before the accounts were linked moves to the person key, so it is never counted twice.
      for (const alias of voter.person.accounts.filter((a) => a !== voter.person.key).map((a) => voterKey(a, salt))) {
        const old = await this.recordOf(live, poll.id, alias);
        if (!old) continue;
        current ??= old.choices;
        await this.votes.delete(`${poll.id}:${alias}`);
        live.delete(alias);
      }
      const choices = change.kind === 'set' ? [...new Set(change.choices)].sort((a, b) => a - b) : toggled(poll, current ?? [], change.choice);
      const record: Vote = { choices, platform: voter.platform, at: coarseTime(now, !poll.public) };
      if (poll.public) Object.assign(record, { member: voter.person.key, name: voter.name });
      await this.votes.set(`${poll.id}:${key}`, record);
      live.set(key, record);
      return choices;
    });
  }

  /** The vote records of an open poll: from memory (one scan the first time), or a scan with a shared store. */
  async current(pollId: string): Promise<Vote[]> {
    if (!this.mirror) return (await this.list(pollId)).map(([, vote]) => vote);
    return [...(await this.liveOf(pollId)).values()];
  }

  /** Forgets the in-memory copy (at close: from then on tallies come from a scan of the store). */
  forget(pollId: string): void {
    this.live.delete(pollId);
  }

  private liveOf(pollId: string): Promise<Live> {
    let live = this.live.get(pollId);
    if (!live) {
      live = this.list(pollId).then((rows) => new Map(rows.map(([key, v]) => [key.slice(pollId.length + 1), v])));
      this.live.set(pollId, live);
      live.catch(() => this.live.delete(pollId));
    }
    return live;
  }

  /** The choices recorded for a voter, if any (used by remind and by results for the member). */
  async choicesOf(poll: Poll, salt: string | undefined, person: Person): Promise<number[] | undefined> {
    const live = await this.liveOf(poll.id);
    for (const account of new Set([person.key, ...person.accounts])) {
      const vote = await this.recordOf(live, poll.id, voterKey(account, salt));
      if (vote) return vote.choices;
    }
    return undefined;
  }

  async comment(poll: Poll, salt: string | undefined, voter: Voter, text: string, now: Date): Promise<void> {
    const key = `${poll.id}:${voterKey(voter.person.key, salt)}`;
    await this.comments.set(key, { text, platform: voter.platform, at: coarseTime(now, !poll.public) });
  }

  /** All vote records of a poll: [voter key, vote]. */
  list(pollId: string): Promise<[string, Vote][]> {
    return this.votes.list(`${pollId}:`);
  }

  private serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return next;
  }
}

function toggled(poll: Poll, current: number[], choice: number): number[] {
  if (current.includes(choice)) return current.filter((c) => c !== choice);
  if (current.length >= poll.maxChoices) {
    const mine = current.map((c) => `**${poll.options[c]}**`).join(', ');
    throw new UserError(
      'poll.too-many',
      `You can pick at most ${poll.maxChoices} option${poll.maxChoices === 1 ? '' : 's'} in this poll, and you have: ${mine}. Click one of those again to remove it, then pick **${poll.options[choice]}**. Nothing was changed.`,
    );
  }
  return [...current, choice].sort((a, b) => a - b);
}
