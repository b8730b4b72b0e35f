// Questions the bot could not answer confidently, kept for leadership to improve the base. Only the question
// text and the time are stored: no member id, no name, no platform, no channel. Crisis text is never stored
// (checked again here, whatever the caller did). One record per question, so nothing is read-modified-written.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../../storage/store.js';
import { Repo } from '../../storage/repo.js';
import { isCrisis } from './crisis.js';

const record = z.object({ text: z.string().max(300), at: z.iso.datetime() });

/** Kept for a year; old unanswered questions stop being useful. */
const KEEP_MS = 365 * 24 * 3600 * 1000;

/** How questions are grouped: lowercased, punctuation dropped. */
export const groupKey = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N} ]+/gu, '').trim();

/** A short id for a group of questions (button values carry this, not the question text). */
export const questionId = (text: string): string => createHash('sha256').update(groupKey(text)).digest('hex').slice(0, 10);

const clean = (question: string): string => question.replace(/\s+/g, ' ').trim().slice(0, 300);

export interface Frequent {
  text: string;
  count: number;
  last: string;
}

export class UnansweredLog {
  private readonly repo: Repo<z.infer<typeof record>>;
  constructor(store: Store) {
    this.repo = new Repo(store, 'cert-unanswered', record);
  }

  /** Whether `add` would store this question (not empty, no crisis language). */
  keepable(question: string): boolean {
    const text = clean(question);
    return Boolean(text) && !isCrisis(text);
  }

  /** Stores the question text (clipped) unless it contains crisis language. Returns whether it was stored. */
  async add(question: string, at: Date): Promise<boolean> {
    const text = clean(question);
    if (!text || isCrisis(text)) return false;
    const iso = at.toISOString();
    await this.repo.set(`${iso}-${randomBytes(4).toString('hex')}`, { text, at: iso }, KEEP_MS);
    return true;
  }

  /** The most frequent questions since `since`, grouped by their lowercased wording, most asked first. */
  async frequent(since: Date, limit = 15): Promise<Frequent[]> {
    const from = since.toISOString();
    const groups = new Map<string, Frequent>();
    for (const [, r] of await this.repo.list()) {
      if (r.at < from) continue;
      const key = groupKey(r.text);
      const g = groups.get(key);
      if (g) {
        g.count++;
        if (r.at > g.last) g.last = r.at;
      } else groups.set(key, { text: r.text, count: 1, last: r.at });
    }
    return [...groups.values()].sort((a, b) => b.count - a.count || b.last.localeCompare(a.last)).slice(0, limit);
  }
}
