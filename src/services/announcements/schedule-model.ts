// The records of the announcement scheduler, validated by zod on the way in and out of the store.
// Instants are stored in UTC (ISO strings); `tz` is the IANA zone the schedule was written in.
import { z } from 'zod';
import { actorSchema, platformSchema } from '../actor.js';

export { PLATFORMS, type ActorRef, actorSchema, platformSchema } from '../actor.js';

export const pingSchema = z.union([
  z.object({ kind: z.literal('here') }),
  z.object({ kind: z.literal('role'), role: z.string().min(1).max(40) }),
]);

/** When a schedule fires: once at an instant, or on a node-cron expression in a zone. */
export const timingSchema = z.union([
  z.object({ kind: z.literal('once'), at: z.iso.datetime() }),
  z.object({ kind: z.literal('cron'), cron: z.string().min(6).max(120) }), // "@daily" is the shortest
]);
export type Timing = z.infer<typeof timingSchema>;

export const scheduleSchema = z.object({
  id: z.string(),
  /**
   * announcement: leadership text; event: an event's own post; reminder: an event reminder; poll: a scheduled poll;
   * calendar: after an occurrence of a recurring event ends, its platform calendar entries move on (posts nothing).
   */
  kind: z.enum(['announcement', 'event', 'reminder', 'poll', 'calendar']),
  timing: timingSchema,
  text: z.string(),
  targets: z.array(platformSchema).min(1),
  /** Channel per platform; a platform missing here posts to its outlet's home channel. */
  channels: z.partialRecord(platformSchema, z.string()),
  ping: pingSchema.optional(),
  tz: z.string(),
  createdBy: actorSchema,
  createdAt: z.iso.datetime(),
  cancelled: z.boolean().default(false),
  eventId: z.string().optional(),
  /** For reminders: how long before the event, in ms (for the wording). */
  offsetMs: z.number().optional(),
  /** Kind-specific data, validated by that kind's own schema (a scheduled poll's question, options, duration). */
  payload: z.record(z.string(), z.unknown()).optional(),
  /** For reminders of a recurring event: the start of the occurrence it announces. */
  occurrence: z.iso.datetime().optional(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** One occurrence in the outbox: claimed before sending, then marked with what happened per platform. */
export const outboxSchema = z.object({
  scheduleId: z.string(),
  at: z.iso.datetime(),
  state: z.enum(['sending', 'sent', 'failed', 'missed', 'uncertain', 'skipped']),
  owner: z.string(),
  claimedAt: z.iso.datetime(),
  /** While `sending`: the owner refreshes this; after it, a restart may call the occurrence uncertain. */
  leaseUntil: z.iso.datetime(),
  targets: z.partialRecord(
    platformSchema,
    z.object({ state: z.enum(['sent', 'failed']), channelId: z.string().optional(), messageId: z.string().optional(), error: z.string().optional() }),
  ),
  attempts: z.number().int().default(0),
});
export type OutboxRecord = z.infer<typeof outboxSchema>;

