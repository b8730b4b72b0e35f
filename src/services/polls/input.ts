// From what a member typed (or filled in a form) to a new poll: the checks that zod cannot express alone.
import { UserError } from '../../core/errors.js';
import { parseCloses } from './closes.js';
import type { NewPoll } from './index.js';

export interface CreateOptions {
  question?: string;
  options?: string[];
  multi?: boolean;
  max?: number;
  public?: boolean;
  closes?: string;
  hideResults?: boolean;
  comments?: boolean;
  everywhere?: boolean;
}

export function toNewPoll(o: CreateOptions & { question: string; options: string[] }, now: Date, zone: string): NewPoll {
  const seen = new Set<string>();
  for (const option of o.options) {
    const k = option.trim().toLowerCase();
    if (seen.has(k)) throw new UserError('poll.duplicate-option', `The option "${option}" is listed twice. Give each option once.`);
    seen.add(k);
  }
  if (o.max !== undefined && o.max > o.options.length && o.options.length <= 2) {
    throw new UserError('poll.max-too-big', `--max ${o.max} needs more options: with ${o.options.length} options, leave out --max (use --multi to let members pick both).`);
  }
  if (o.max !== undefined && o.max > o.options.length) {
    throw new UserError('poll.max-too-big', `--max ${o.max} is more than the ${o.options.length} options of this poll. Use a number from 2 to ${o.options.length}.`);
  }
  const maxChoices = o.max ?? (o.multi ? o.options.length : 1);
  return {
    question: o.question,
    options: o.options,
    maxChoices,
    public: Boolean(o.public),
    hideResults: Boolean(o.hideResults),
    comments: Boolean(o.comments),
    everywhere: Boolean(o.everywhere),
    closesAt: o.closes ? parseCloses(o.closes, now, zone).toISOString() : undefined,
  };
}
