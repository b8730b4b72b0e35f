// Neutral references packed into what Slack carries back: a button's ActionRef into `action_id` + `value`,
// a form's command/form/state and the channel it was opened from into `callback_id` + `private_metadata`.
import type { ActionRef } from '../../core/message.js';
import { MAX_ACTION_ID, MAX_BUTTON_VALUE, MAX_CALLBACK_ID, MAX_PRIVATE_METADATA } from './limits.js';

/** Matches the action ids this bot renders: `command:action:index[:selectValue]`. */
export const ACTION_ID_PATTERN = /^[a-z0-9_-]+:[a-zA-Z0-9_-]+:\d+(:.*)?$/s;
/** Matches the callback ids of this bot's modals: `command:form`. */
export const CALLBACK_ID_PATTERN = /^[a-z0-9_-]+:[a-zA-Z0-9_-]+$/;

/**
 * `index` keeps action ids unique within a block (Slack requires it) when one action appears on several buttons.
 * A button's value travels in `value`; a select has no value of its own, so it rides in the action id.
 */
export function packAction(ref: ActionRef, index: number, kind: 'button' | 'select'): { action_id: string; value?: string } {
  const value = ref.value ?? '';
  const base = `${ref.command}:${ref.action}:${index}`;
  const action_id = kind === 'select' && value ? `${base}:${value}` : base;
  if (action_id.length > MAX_ACTION_ID) throw new Error(`action id for ${ref.command}:${ref.action} is longer than ${MAX_ACTION_ID}`);
  if (kind === 'select' || !value) return { action_id };
  if (value.length > MAX_BUTTON_VALUE) throw new Error(`button value for ${ref.command}:${ref.action} is longer than ${MAX_BUTTON_VALUE}`);
  return { action_id, value };
}

export function unpackAction(actionId: string, value: string | undefined): ActionRef | undefined {
  if (!ACTION_ID_PATTERN.test(actionId)) return undefined;
  const [command, action, , ...rest] = actionId.split(':');
  const carried = rest.length ? rest.join(':') : value;
  return { command: command!, action: action!, ...(carried ? { value: carried } : {}) };
}

export interface FormRoute {
  command: string;
  form: string;
  state?: string;
  /** The channel the form was opened from: where its replies go. */
  channelId: string;
}

export function packForm(route: FormRoute): { callback_id: string; private_metadata: string } {
  const callback_id = `${route.command}:${route.form}`;
  const private_metadata = JSON.stringify({ c: route.channelId, ...(route.state !== undefined ? { s: route.state } : {}) });
  if (callback_id.length > MAX_CALLBACK_ID) throw new Error(`callback id ${callback_id.slice(0, 40)}… is too long`);
  if (private_metadata.length > MAX_PRIVATE_METADATA) throw new Error(`form state of ${callback_id} is longer than ${MAX_PRIVATE_METADATA}`);
  return { callback_id, private_metadata };
}

export function unpackForm(callbackId: string, privateMetadata: string | undefined): FormRoute | undefined {
  if (!CALLBACK_ID_PATTERN.test(callbackId)) return undefined;
  const [command, form] = callbackId.split(':') as [string, string];
  let meta: { c?: unknown; s?: unknown } = {};
  try {
    meta = JSON.parse(privateMetadata || '{}') as typeof meta;
  } catch {
    meta = {};
  }
  return {
    command,
    form,
    channelId: typeof meta.c === 'string' ? meta.c : '',
    ...(typeof meta.s === 'string' ? { state: meta.s } : {}),
  };
}
