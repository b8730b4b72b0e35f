import type { Ctx } from './context.js';

/** A guard returns why the actor may not do this, or undefined when they may. Checked on the server. */
export type Guard = (ctx: Ctx) => string | undefined;

export const leaderOnly: Guard = (ctx) =>
  ctx.actor.isLeader
    ? undefined
    : 'Only NIAPP leadership can do that. If you think you should be able to, ask a leader to add you.';
