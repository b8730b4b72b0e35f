// Events (trainings, webinars) and RSVPs. An RSVP is one record per (event, member): the count is the number
// of records, never a shared counter that two clicks could both read and overwrite.
import { z } from 'zod';
import { actorSchema, platformSchema } from '../announcements/schedule-model.js';

export const eventSchema = z.object({
  id: z.string(),
  title: z.string().min(1).max(200),
  at: z.iso.datetime(),
  /** When it ends; records from before end times existed last one hour. */
  end: z.iso.datetime().optional(),
  /** A recurring event: the start of every occurrence (the first is `at`), each with its own reminders. */
  occurrences: z.array(z.iso.datetime()).optional(),
  repeat: z.enum(['weekly', 'biweekly', 'monthly']).optional(),
  /** RFC 5545 SEQUENCE: raised on every change that members' calendars must pick up (edit, cancel). */
  sequence: z.number().int().min(0).default(0),
  /** The calendar ORGANIZER (RFC 5546 requires one with METHOD:PUBLISH): an email address. */
  organizer: z.string().optional(),
  url: z.url().optional(),
  details: z.string().max(1500).optional(),
  /** Reminder offsets before the event, in ms (7d, 1d, 1h …). */
  remind: z.array(z.number().int().positive()),
  targets: z.array(platformSchema).min(1),
  channels: z.partialRecord(platformSchema, z.string()),
  tz: z.string(),
  createdBy: actorSchema,
  createdAt: z.iso.datetime(),
  cancelled: z.boolean().default(false),
  /** The platforms' own calendar entries for it (Discord Guild Scheduled Events), by platform. */
  native: z.partialRecord(platformSchema, z.string()).default({}),
  /** Platforms whose entry repeats by itself (one recurring Discord event); the others stand for one occurrence. */
  nativeRecurring: z.array(platformSchema).optional(),
  /** The schedule ids of its post and reminders (so cancel can stop them). */
  scheduleIds: z.array(z.string()).default([]),
});
export type BotEvent = z.infer<typeof eventSchema>;

export const DEFAULT_LENGTH_MS = 60 * 60_000;
/** How long each occurrence lasts, in ms. */
export const lengthOf = (e: BotEvent): number => (e.end ? new Date(e.end).getTime() - new Date(e.at).getTime() : DEFAULT_LENGTH_MS);
/** Every occurrence's start (one for a one-off event). */
export const startsOf = (e: BotEvent): string[] => e.occurrences ?? [e.at];

export const rsvpSchema = z.object({ platform: platformSchema, userId: z.string(), name: z.string(), at: z.iso.datetime() });
export type Rsvp = z.infer<typeof rsvpSchema>;

export const postRefSchema = z.object({ platform: platformSchema, channelId: z.string(), messageId: z.string() });
