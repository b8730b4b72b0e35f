// Dashboard actions run the chat commands themselves: the same registry, guards, services, audit log and error
// boundary as `/announce`, `/event` and `/poll` — never a second implementation. The web "surface" collects the
// private answers (and attachments such as the CSV and report) to show them on the page.
import type { Actor, Surface } from '../core/context.js';
import { UserError } from '../core/errors.js';
import { type Message, stripMarkdown, toMessage } from '../core/message.js';
import type { Registry } from '../core/registry.js';
import type { Services } from '../services/index.js';
import type { DashboardUser } from './sessions.js';

export interface RunResult {
  ok: boolean;
  messages: Message[];
}

/** Runs `/command subcommand` with named options as `user` (whose leadership was checked by the caller). */
export async function runCommand(registry: Registry, services: Services, user: DashboardUser, command: string, subcommand: string, options: Record<string, unknown>): Promise<RunResult> {
  const actor: Actor = { ...user, isLeader: true };
  const messages: Message[] = [];
  const surface: Surface = {
    actor,
    where: { platform: user.platform, channelId: 'dashboard' },
    // Something meant for "this channel" (a poll) goes to the leader's platform's announcement channel.
    async reply(m) {
      const outlet = services.outlets.get(user.platform) ?? services.outlets.all().find((o) => o.announceChannel);
      if (!outlet?.announceChannel) throw new UserError('dashboard.no-channel', 'No announcement channel is configured for your platform, so there is nowhere to post this.');
      return outlet.post(outlet.announceChannel, toMessage(m));
    },
    async ephemeral(m) {
      messages.push(toMessage(m));
    },
    async defer() {},
    async openForm() {
      return false;
    },
  };
  const raw = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== ''));
  await registry.runOptions(surface, command, subcommand, raw);
  return { ok: !messages.some((m) => m.tone === 'warning' || m.tone === 'danger'), messages };
}

/** One line of plain text for a notice: the message's title and text without Markdown marks. */
export function noticeOf(r: RunResult): string {
  return r.messages
    .map((m) => stripMarkdown([m.title, m.text].filter(Boolean).join(': ')))
    .join(' ')
    .replace(/\n+/g, ' ')
    .slice(0, 600);
}
