// Helpers for poll tests over the harness: find a poll message, click its controls as a member.
import { expect } from 'vitest';
import poll from '../../commands/poll.js';
import type { Actor } from '../../src/core/context.js';
import type { Message, MessageRef } from '../../src/core/message.js';
import { type Harness, type Said, harness } from '../helpers/context.js';

export const pollHarness = (env: Record<string, string> = {}) => harness([poll], env);

/** The poll message posted by a `/poll …` run, with its id and where it landed. */
export function postedPoll(said: Said[]): { id: string; message: Message; ref: MessageRef } {
  const idx = said.findIndex((s) => (s.kind === 'reply' || s.kind === 'post') && s.message.title === 'Member poll');
  expect(idx, `no poll was posted; said: ${said.map((s) => s.text).join(' | ')}`).toBeGreaterThanOrEqual(0);
  const message = said[idx]!.message;
  const id = /Poll (\w+)$/.exec(message.footer ?? '')![1]!;
  return { id, message, ref: { platform: 'console', channelId: 'console', messageId: `m${countRefs(said, idx)}` } };
}

// The harness numbers messages m1, m2 … across replies and posts in order.
function countRefs(said: Said[], upTo: number): number {
  return said.slice(0, upTo + 1).filter((s) => s.kind === 'reply' || s.kind === 'post').length;
}

/** Presses the button labelled `label` (its text after "N. ", or the whole label) as `actor`. */
export async function press(h: Harness, actor: Actor, message: Message, label: string, ref?: MessageRef): Promise<Said[]> {
  const button = message.buttons?.find((b) => b.label === label || b.label.replace(/^\d+\. /, '') === label);
  if (!button) throw new Error(`no button "${label}" in ${message.buttons?.map((b) => b.label).join(', ')}`);
  const start = h.said.length;
  await h.registry.runAction(h.surface(actor, ref), button.action);
  return h.said.slice(start);
}

/** Chooses select options (by option text) as `actor`. */
export async function choose(h: Harness, actor: Actor, message: Message, labels: string[], ref?: MessageRef): Promise<Said[]> {
  const select = message.select!;
  const values = labels.map((l) => select.options.find((o) => o.label.replace(/^\d+\. /, '') === l)!.value);
  const start = h.said.length;
  await h.registry.runAction(h.surface(actor, ref), select.action, values);
  return h.said.slice(start);
}

/** The last thing said privately to `who`. */
export const privately = (said: Said[], who: string): string => said.filter((s) => s.kind === 'ephemeral' && s.to === who).map((s) => s.text).join('\n');

/** The latest version of a poll message (after edits), as plain text. */
export function latest(h: Harness, messageId: string): string {
  const edits = h.said.filter((s) => s.kind === 'update' && s.to === messageId);
  return edits.at(-1)?.text ?? '';
}
