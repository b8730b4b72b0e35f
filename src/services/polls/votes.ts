// Votes: one record per (poll, voter key), written whole. Public polls keep plain records under the member's
// account key; anonymous polls keep sealed ballots under a marker (anonymity.ts) until close, then one results
// record. Nothing shared is read-modify-written: a tally is derived from the records (tally.ts). With a store of
// one process (sqlite), an open poll's records are also mirrored in memory (loaded by one scan, then kept
// current by this process's writes, the only writes), so live tallies and toggles need no store reads. With a
// shared store (several replicas) a member's own record and the tally are read from the store. One member's
// simultaneous clicks are serialised in each process.
import { UserError } from '../../core/errors.js';
import type { Platform } from '../../core/message.js';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Person } from '../identity/index.js';
import { type PollKeys, openBallot, openText, sealBallot, sealText, shuffled, voterKey } from './anonymity.js';
import { type Comment, type Poll, type Results, type Vote, commentSchema, resultsSchema, sealedSchema, voteSchema } from './model.js';

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
  private readonly sealedVotes: Repo<{ s: string }>;
  private readonly sealedComments: Repo<{ s: string }>;
  readonly results: Repo<Results>;
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Poll id → its vote records by voter key, for open polls this process has seen votes on. */
  private readonly live = new Map<string, Promise<Live>>();
  /** False with a shared store: the in-memory mirror is then not the whole truth. */
  private readonly mirror: boolean;

  constructor(private readonly store: Store) {
    this.votes = new Repo(store, 'poll-votes', voteSchema);
    this.comments = new Repo(store, 'poll-comments', commentSchema);
    this.sealedVotes = new Repo(store, 'poll-ballots', sealedSchema);
    this.sealedComments = new Repo(store, 'poll-notes', sealedSchema);
    this.results = new Repo(store, 'poll-results', resultsSchema);
    this.mirror = !store.shared;
  }

  /** One voter's record, read from the store (opened with the poll's keys when anonymous). */
  private async read(poll: Poll, keys: PollKeys | undefined, key: string): Promise<Vote | undefined> {
    if (!keys) return this.votes.get(`${poll.id}:${key}`);
    const sealed = await this.sealedVotes.get(`${poll.id}:${key}`);
    return sealed && openBallot(sealed.s, keys);
  }

  private write(poll: Poll, keys: PollKeys | undefined, key: string, vote: Vote): Promise<void> {
    if (!keys) return this.votes.set(`${poll.id}:${key}`, vote);
    return this.sealedVotes.set(`${poll.id}:${key}`, { s: sealBallot(vote, keys) });
  }

  private async remove(poll: Poll, keys: PollKeys | undefined, key: string): Promise<void> {
    await (keys ? this.sealedVotes : this.votes).delete(`${poll.id}:${key}`);
  }

  /** A voter's record: from the mirror when it is the whole truth, else from the store. */
  private async recordOf(live: Live, poll: Poll, keys: PollKeys | undefined, key: string): Promise<Vote | undefined> {
    return this.mirror ? live.get(key) : this.read(poll, keys, key);
  }

  /** Applies a click and returns the choices now recorded for this voter. `keys`: undefined for public polls. */
  async cast(poll: Poll, keys: PollKeys | undefined, voter: Voter, change: Change, now: Date): Promise<number[]> {
    const live = await this.liveOf(poll, keys);
    const key = voterKey(voter.person.key, keys);
    return this.serial(`${poll.id}:${key}`, async () => {
      let current = (await this.recordOf(live, poll, keys, key))?.choices;
      // A vote cast before the accounts were linked moves to the person key, so it is never counted twice.
      for (const alias of voter.person.accounts.filter((a) => a !== voter.person.key).map((a) => voterKey(a, keys))) {
        const old = await this.recordOf(live, poll, keys, alias);
        if (!old) continue;
        current ??= old.choices;
        await this.remove(poll, keys, alias);
        live.delete(alias);
      }
      const choices = change.kind === 'set' ? [...new Set(change.choices)].sort((a, b) => a - b) : toggled(poll, current ?? [], change.choice);
      // Anonymous ballots hold no time at all; public votes keep theirs.
      const record: Vote = keys ? { choices, platform: voter.platform } : { choices, platform: voter.platform, at: now.toISOString(), member: voter.person.key, name: voter.name };
      await this.write(poll, keys, key, record);
      live.set(key, record);
      return choices;
    });
  }

  /** The vote records of an open poll: from memory (one scan the first time), or a scan with a shared store. */
  async current(poll: Poll, keys: PollKeys | undefined): Promise<Vote[]> {
    if (!this.mirror) return (await this.list(poll, keys)).map(([, vote]) => vote);
    return [...(await this.liveOf(poll, keys)).values()];
  }

  /** Forgets the in-memory copy (at close: from then on tallies come from the store). */
  forget(pollId: string): void {
    this.live.delete(pollId);
  }

  private liveOf(poll: Poll, keys: PollKeys | undefined): Promise<Live> {
    let live = this.live.get(poll.id);
    if (!live) {
      live = this.list(poll, keys).then((rows) => new Map(rows));
      this.live.set(poll.id, live);
      live.catch(() => this.live.delete(poll.id));
    }
    return live;
  }

  /** The choices recorded for a voter, if any (used by remind and by results for the member). */
  async choicesOf(poll: Poll, keys: PollKeys | undefined, person: Person): Promise<number[] | undefined> {
    const live = await this.liveOf(poll, keys);
    for (const account of new Set([person.key, ...person.accounts])) {
      const vote = await this.recordOf(live, poll, keys, voterKey(account, keys));
      if (vote) return vote.choices;
    }
    return undefined;
  }

  async comment(poll: Poll, keys: PollKeys | undefined, voter: Voter, text: string, now: Date): Promise<void> {
    const key = `${poll.id}:${voterKey(voter.person.key, keys)}`;
    if (keys) await this.sealedComments.set(key, { s: sealText(text, keys) });
    else await this.comments.set(key, { text, platform: voter.platform, at: now.toISOString() });
  }

  /** The records of an open poll (or of any public poll): [voter key, vote]. Unreadable ballots are left out. */
  async list(poll: Poll, keys: PollKeys | undefined): Promise<[string, Vote][]> {
    const prefix = `${poll.id}:`;
    if (!keys) return (await this.votes.list(prefix)).map(([k, v]) => [k.slice(prefix.length), v]);
    // Votes of an anonymous poll opened before sealed ballots (plain records under a salted HMAC) still count.
    const out: [string, Vote][] = (await this.votes.list(prefix)).map(([k, v]) => [`legacy:${k.slice(prefix.length)}`, { choices: v.choices, platform: v.platform }]);
    for (const [k, { s }] of await this.sealedVotes.list(prefix)) {
      const vote = openBallot(s, keys);
      if (vote) out.push([k.slice(prefix.length), vote]);
    }
    return out;
  }

  /** The comments of a public poll, by member account key. */
  async publicComments(poll: Poll): Promise<Map<string, Comment>> {
    const prefix = `${poll.id}:`;
    return new Map((await this.comments.list(prefix)).map(([k, c]) => [k.slice(prefix.length), c]));
  }

  /** The comments of an open anonymous poll, opened, in random order. */
  async openComments(poll: Poll, keys: PollKeys): Promise<string[]> {
    const notes = await this.sealedComments.list(`${poll.id}:`);
    return shuffled(notes.map(([, { s }]) => openText(s, keys)).filter((t): t is string => Boolean(t)));
  }

  /**
   * Closes an anonymous poll's books: opens every ballot and comment, writes the results record (a count per
   * (choices, platform) and the comments in random order; one writer by claim), then deletes the sealed rows
   * and scrubs the store (free pages zeroed, WAL truncated). Safe to run again after a crash half-way.
   */
  async seal(poll: Poll, keys: PollKeys): Promise<Results> {
    const prefix = `${poll.id}:`;
    const [ballots, notes, legacy, legacyNotes] = await Promise.all([this.sealedVotes.list(prefix), this.sealedComments.list(prefix), this.votes.list(prefix), this.comments.list(prefix)]);
    let results = await this.results.get(poll.id);
    if (!results) {
      const counts = new Map<string, Results['ballots'][number]>();
      let unreadable = 0;
      const opened = [...ballots.map(([, { s }]) => openBallot(s, keys)), ...legacy.map(([, v]) => ({ choices: v.choices, platform: v.platform }))];
      for (const b of opened) {
        if (!b) unreadable++;
        else if (b.choices.length) {
          const k = `${b.platform}:${b.choices.join(',')}`;
          const entry = counts.get(k) ?? { choices: b.choices, platform: b.platform, n: 0 };
          entry.n++;
          counts.set(k, entry);
        }
      }
      const comments = shuffled([...notes.map(([, { s }]) => openText(s, keys)), ...legacyNotes.map(([, c]) => c.text)].filter((t): t is string => Boolean(t)));
      const fresh: Results = { ballots: [...counts.values()].sort((a, b) => `${a.platform}:${a.choices}`.localeCompare(`${b.platform}:${b.choices}`)), comments, unreadable };
      if (!(await this.results.create(poll.id, fresh))) results = await this.results.get(poll.id);
      results ??= fresh;
    }
    for (const [k] of ballots) await this.sealedVotes.delete(k);
    for (const [k] of notes) await this.sealedComments.delete(k);
    for (const [k] of legacy) await this.votes.delete(k);
    for (const [k] of legacyNotes) await this.comments.delete(k);
    await this.store.keyv('poll-salts').delete(poll.id);
    await this.store.scrub?.();
    this.forget(poll.id);
    return results;
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

/** The ballots of a results record, one Vote per member (for the tally). */
export function ballotsOf(results: Results): Vote[] {
  return results.ballots.flatMap((b) => Array.from({ length: b.n }, () => ({ choices: b.choices, platform: b.platform })));
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
