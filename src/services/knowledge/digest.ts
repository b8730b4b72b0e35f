// The monthly knowledge digest for leadership, sent privately (see leaders.ts): entries due for review (past or
// within a month of their review-by date) and the most asked unanswered questions of the last 30 days. Sent once
// a month, whatever the number of replicas: the month is claimed in the store before sending. A new store sends its
// first digest at the start of the next month (not on the first start-up). Each tick reads the
// injected clock; tests call `tick()` with a moved clock, nothing waits on the wall clock.
import { DateTime } from 'luxon';
import type { Message } from '../../core/message.js';
import type { Lifecycle } from '../index.js';
import type { Entry } from './schema.js';

const DAY = 86_400_000;
const NAMESPACE = 'cert-digest';

export interface DigestHost {
  readonly entries: readonly Entry[];
  /** Files that do not load right now (reported when they broke; repeated here so they are not forgotten). */
  readonly problems: readonly { path: string; field: string; message: string }[];
  unansweredGroups(since: Date): Promise<{ text: string; count: number }[]>;
}

export interface DigestDeps {
  knowledge: DigestHost;
  clock: { now(): Date };
  store: { claim(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean>; keyv(ns: string): { delete(key: string): Promise<boolean> } };
  /** Sends privately to leadership; returns how many deliveries went out. */
  send(msg: Message): Promise<number>;
  zone: string;
  onError(err: unknown): void;
}

/** Entries whose review-by date is past or within 31 days of `now`, the most overdue first. */
export function dueForReview(entries: readonly Entry[], now: Date): Entry[] {
  const horizon = new Date(now.getTime() + 31 * DAY).toISOString().slice(0, 10);
  return entries.filter((e) => e.reviewBy <= horizon).sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.id.localeCompare(b.id));
}

export function digestMessage(
  month: string,
  due: Entry[],
  unanswered: { text: string; count: number }[],
  now: Date,
  problems: readonly { path: string; field: string; message: string }[] = [],
): Message {
  const today = now.toISOString().slice(0, 10);
  const dueLines = due.slice(0, 20).map((e) => `- \`${e.id}\` ${e.title}: review by ${e.reviewBy}${e.reviewBy < today ? ' (**overdue**)' : ''}, last verified ${e.verified}`);
  if (due.length > 20) dueLines.push(`- … and ${due.length - 20} more`);
  const askLines = unanswered.slice(0, 10).map((g) => `- **${g.count}×** ${g.text.replace(/[*_`[\]]/g, '')}`);
  return {
    title: `Knowledge digest for ${month}`,
    text: [
      due.length ? `**Entries due for review (${due.length}):**\n${dueLines.join('\n')}` : '**No entry is due for review this month.**',
      askLines.length ? `**Most asked unanswered questions (last 30 days):**\n${askLines.join('\n')}` : '**No unanswered questions in the last 30 days.**',
      ...(problems.length ? [`**Files that do not load (${problems.length}):**\n${problems.slice(0, 10).map((p) => `- \`${p.path}\` — ${p.field}: ${p.message}`).join('\n')}`] : []),
    ].join('\n\n'),
    footer: 'Private to leadership. Update an entry (and its verified/reviewBy dates) in data/knowledge; teach a phrasing with /cert teach or the buttons of /cert unanswered.',
    tone: due.some((e) => e.reviewBy < today) ? 'warning' : 'info',
  };
}

export class KnowledgeDigest implements Lifecycle {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  constructor(private readonly deps: DigestDeps) {}

  /** Sends this month's digest if no replica has yet. Returns whether this call sent it. */
  async tick(): Promise<boolean> {
    const now = this.deps.clock.now();
    const month = DateTime.fromJSDate(now, { zone: this.deps.zone }).toFormat('yyyy-MM');
    // A new store: this month counts as done; the first digest goes out at the start of the next one.
    if (await this.deps.store.claim(NAMESPACE, 'installed', { month })) {
      await this.deps.store.claim(NAMESPACE, month, { at: now.toISOString(), skipped: true }, 62 * DAY);
      return false;
    }
    if (!(await this.deps.store.claim(NAMESPACE, month, { at: now.toISOString() }, 62 * DAY))) return false;
    const due = dueForReview(this.deps.knowledge.entries, now);
    const unanswered = await this.deps.knowledge.unansweredGroups(new Date(now.getTime() - 30 * DAY));
    const sent = await this.deps.send(digestMessage(month, due, unanswered, now, this.deps.knowledge.problems));
    // Nobody could be reached (no platform connected yet): give the month back so a later tick tries again.
    if (!sent) await this.deps.store.keyv(NAMESPACE).delete(month);
    return sent > 0;
  }

  async start(): Promise<void> {
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .then(() => undefined, (err) => this.deps.onError(err))
        .finally(() => (this.running = undefined));
    };
    run();
    this.timer = setInterval(run, 3600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running; // the store closes after the lifecycles stop: let a tick in flight finish first
  }
}
