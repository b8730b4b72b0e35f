// The records of a poll, as zod schemas. Limits that members see (2–10 options, 80/300 characters) live here
// and are reused by the command's options, so one place says what a valid poll is.
import { z } from 'zod';

export const LIMITS = { minOptions: 2, maxOptions: 10, optionChars: 80, questionChars: 300, commentChars: 500 } as const;

export const questionSchema = z.string().trim().min(1).max(LIMITS.questionChars);
export const optionSchema = z.string().trim().min(1).max(LIMITS.optionChars);
export const optionsSchema = z.array(optionSchema).min(LIMITS.minOptions).max(LIMITS.maxOptions);

const platform = z.enum(['slack', 'discord', 'console']);

/** A poll as created. Votes never write it; only the close (one winner, by claim) adds `closedAt`. */
export const pollSchema = z.object({
  id: z.string().min(4).max(12),
  question: questionSchema,
  options: optionsSchema,
  /** How many options a member may pick: 1 = single choice. */
  maxChoices: z.number().int().min(1).max(LIMITS.maxOptions),
  public: z.boolean(),
  hideResults: z.boolean(),
  comments: z.boolean(),
  everywhere: z.boolean(),
  /** The creator is known by design (they may close it); voters of anonymous polls never are. */
  createdBy: z.object({ platform, id: z.string(), name: z.string() }),
  createdAt: z.iso.datetime(),
  closesAt: z.iso.datetime().optional(),
  closedAt: z.iso.datetime().optional(),
});
export type Poll = z.infer<typeof pollSchema>;

/**
 * Public polls: one record per (poll, member account key), with the member's name. Anonymous polls never use
 * this record: see `ballotSchema` and `resultsSchema`.
 */
export const voteSchema = z.object({
  choices: z.array(z.number().int().min(0).max(LIMITS.maxOptions - 1)),
  platform,
  /** Public polls only: when the vote was cast. */
  at: z.iso.datetime().optional(),
  /** Public polls only: the member's account key and display name. */
  member: z.string().optional(),
  name: z.string().optional(),
});
export type Vote = z.infer<typeof voteSchema>;

export const commentSchema = z.object({ text: z.string().min(1).max(LIMITS.commentChars), platform, at: z.iso.datetime() });
export type Comment = z.infer<typeof commentSchema>;

/** An open anonymous poll's vote or comment: sealed (anonymity.ts), filed under the member's marker. */
export const sealedSchema = z.object({ s: z.string().min(1).max(2000) });

/**
 * A closed anonymous poll: its ballots counted by (choices, platform), and its comments in random order. Written
 * once at close (by claim); the sealed rows are then deleted. Nothing in it has an order or a time.
 */
export const resultsSchema = z.object({
  ballots: z.array(z.object({ choices: voteSchema.shape.choices, platform, n: z.number().int().min(1) })),
  comments: z.array(z.string().max(LIMITS.commentChars)),
  /** Ballots sealed under a secret that was lost: they could not be counted. */
  unreadable: z.number().int().min(0),
});
export type Results = z.infer<typeof resultsSchema>;

/** Where a poll message was posted, so that tallies can be edited in place. */
export const postSchema = z.object({ platform, channelId: z.string(), messageId: z.string() });

export const isOpen = (poll: Poll): boolean => !poll.closedAt;
