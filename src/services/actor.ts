// Who did something, as records keep it (schedules, events, polls, taught phrasings, the audit trail).
import { z } from 'zod';
import type { Actor } from '../core/context.js';

export const PLATFORMS = ['slack', 'discord', 'console'] as const;
export const platformSchema = z.enum(PLATFORMS);

export const actorSchema = z.object({ platform: platformSchema, id: z.string(), name: z.string() });
export type ActorRef = z.infer<typeof actorSchema>;

export const actorRef = (a: Actor): ActorRef => ({ platform: a.platform, id: a.id, name: a.name });
