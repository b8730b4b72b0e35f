// The payloads Slack sends to an app, built as Slack builds them (slash command form fields, block_actions and
// view_submission JSON). Used by the Slack stand-in over HTTP and over Socket Mode.
import type { Block } from './slack.js';

export interface User {
  id: string;
  name?: string;
}
export interface CommandInput {
  command: string;
  text?: string;
  user?: User;
  channel?: string;
}
export interface ClickInput {
  /** The message the control is on (a posted message, or a response_url body). */
  message: { ts?: string; channel?: string; blocks: Block[] };
  /** A button's label; or, with `selected`, the select to choose from. */
  label?: string;
  selected?: string[];
  user?: User;
  ephemeral?: boolean;
}
interface Ids {
  triggerId: string;
  responseUrl: string;
}

export const MEMBER: User = { id: 'U0MEMBER', name: 'maria' };
export const LEADER: User = { id: 'U0LEADER', name: 'jordan' };
export const CHANNEL = 'C0GENERAL';
const team = { id: 'T0NIAPP', domain: 'niapp' };

export function commandFields(c: CommandInput, ids: Ids): Record<string, string> {
  const user = c.user ?? MEMBER;
  return {
    token: 'deprecated-verification-token',
    team_id: team.id,
    team_domain: team.domain,
    channel_id: c.channel ?? CHANNEL,
    channel_name: 'general',
    user_id: user.id,
    user_name: user.name ?? user.id,
    command: c.command,
    text: (c.text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    api_app_id: 'A0NIAPP',
    is_enterprise_install: 'false',
    response_url: ids.responseUrl,
    trigger_id: ids.triggerId,
  };
}

type Element = { type: string; action_id: string; value?: string; text?: { text: string }; options?: { value: string; text: { text: string } }[] };

/** Finds a control in blocks: a button by label, or the first select. */
export function controlIn(blocks: Block[], label?: string, select = false): Element {
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements as Element[]) {
      if (select ? el.type.includes('select') : el.type === 'button' && el.text?.text === label) return el;
    }
  }
  throw new Error(`no ${select ? 'select' : `button "${label}"`} in the message`);
}

export function blockActions(c: ClickInput, ids: Ids): Record<string, unknown> {
  const user = c.user ?? MEMBER;
  const channel = c.message.channel ?? CHANNEL;
  const el = controlIn(c.message.blocks, c.label, Boolean(c.selected));
  const pick = (v: string) => ({ value: v, text: { type: 'plain_text', text: el.options?.find((o) => o.value === v)?.text.text ?? v } });
  const action: Record<string, unknown> = { type: el.type, action_id: el.action_id, block_id: 'b1', action_ts: String(Date.now() / 1000) };
  if (el.type === 'button') Object.assign(action, { value: el.value, text: el.text });
  else if (el.type === 'multi_static_select') action.selected_options = (c.selected ?? []).map(pick);
  else action.selected_option = pick(c.selected![0]!);
  const ts = c.message.ts ?? '1763800000.999999';
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team.id },
    api_app_id: 'A0NIAPP',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: Boolean(c.ephemeral) },
    trigger_id: ids.triggerId,
    team,
    channel: { id: channel, name: 'general' },
    ...(c.ephemeral ? {} : { message: { type: 'message', ts, text: '', blocks: c.message.blocks } }),
    response_url: ids.responseUrl,
    actions: [action],
  };
}

export function viewSubmission(view: Record<string, unknown>, values: Record<string, string>, user: User, ids: Ids): Record<string, unknown> {
  const state = Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value: { type: 'plain_text_input', value } }]));
  return {
    type: 'view_submission',
    team,
    user: { id: user.id, username: user.name, name: user.name, team_id: team.id },
    api_app_id: 'A0NIAPP',
    token: 'deprecated-verification-token',
    trigger_id: ids.triggerId,
    view: { ...view, team_id: team.id, app_id: 'A0NIAPP', bot_id: 'B0BOT', state: { values: state } },
    response_urls: [],
  };
}
