// What every dashboard route shares: its dependencies, the per-request variables set by the sign-in check, and
// the one helper that runs a chat command and turns its answer into a notice on the next page.
import type { Context } from 'hono';
import type { LeaderCheck } from '../core/adapter.js';
import type { Platform } from '../core/message.js';
import type { Registry } from '../core/registry.js';
import type { Services } from '../services/index.js';
import { type RunResult, noticeOf, runCommand } from './run.js';
import type { DashboardUser, Session, Sessions } from './sessions.js';

export interface DashboardDeps {
  services: Services;
  registry: Registry;
  /** The leader check of each running adapter. */
  leaders(platform: Platform): LeaderCheck | undefined;
  sessions: Sessions;
  /** The public base URL (DASHBOARD_URL); https there makes cookies Secure. */
  baseUrl: string;
}

export type WebEnv = { Variables: { sid: string; session: Session; user: DashboardUser } };
export type Ctx = Context<WebEnv>;

/** Runs a chat command as the signed-in leader; stores its answer as the next page's notice. */
export async function act(c: Ctx, deps: DashboardDeps, command: string, sub: string, options: Record<string, unknown>): Promise<RunResult> {
  const result = await runCommand(deps.registry, deps.services, c.get('user'), command, sub, options);
  await notify(c, deps, noticeOf(result), result.ok);
  return result;
}

export async function notify(c: Ctx, deps: DashboardDeps, text: string, ok: boolean): Promise<void> {
  const session = { ...c.get('session'), flash: { text, ok } };
  c.set('session', session);
  await deps.sessions.save(c.get('sid'), session);
}

/** The notice of the last action, shown once. */
export async function takeFlash(c: Ctx, deps: DashboardDeps): Promise<Session['flash']> {
  const session = c.get('session');
  if (!session.flash) return undefined;
  const { flash, ...rest } = session;
  c.set('session', rest);
  await deps.sessions.save(c.get('sid'), rest);
  return flash;
}

/** A form field as a string ('' when absent or a file). */
export const field = (body: Record<string, unknown>, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : '';
};
