// From what a member typed (or filled in a form) to a new poll: the checks that zod cannot express alone.
import { UserError } from '../../core/errors.js';
import { memberLine } from '../../core/text.js';
import { parseCloses } from './closes.js';
import { LIMITS } from './model.js';
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

export function toNewPoll(raw: CreateOptions & { question: string; options: string[] }, now: Date, zone: string): NewPoll {
  // What members see is what was typed: normalised (NFKC), on one line, with no hidden characters and no masked
  // links (src/core/text.ts). Two options that read the same once normalised are the same option.
  const question = memberLine(raw.question);
  if (!question) throw new UserError('poll.empty-question', 'The question is empty once invisible characters are removed. Type the question as plain text.');
  const options = raw.options.map(memberLine);
  const o = { ...raw, question, options };
  const seen = new Map<string, string>();
  for (const [i, option] of options.entries()) {
    if (!option) throw new UserError('poll.empty-option', `Option ${i + 1} is empty once invisible characters are removed. Give each option as visible text.`);
    if (option.length > LIMITS.optionChars) throw new UserError('poll.long-option', `Option ${i + 1} is longer than ${LIMITS.optionChars} characters once normalised. Shorten it.`);
    const k = option.toLowerCase();
    const earlier = seen.get(k);
    if (earlier !== undefined) {
      throw new UserError('poll.duplicate-option', `The options "${earlier}" and "${raw.options[i]!.trim()}" read the same (hidden characters and letter case do not count). Give each option once.`);
    }
    seen.set(k, raw.options[i]!.trim());
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
