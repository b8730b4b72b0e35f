// custom_id packing: a button/select carries its neutral ActionRef, a modal its form ref, in ≤ 100 characters.
//   a|poll|vote|p12:1      action `vote` of /poll with value "p12:1"   (a2|…, a3|… when a message repeats a ref)
//   f|poll|edit|p12        form `edit` of /poll with state "p12"
// Command and action names never contain "|"; the value/state comes last, so it may.
import type { ActionRef, Form } from '../../core/message.js';

export const CUSTOM_ID_MAX = 100;

export class CustomIdError extends Error {
  override readonly name = 'CustomIdError';
}

function pack(kind: string, command: string, name: string, tail: string | undefined, what: string): string {
  if (command.includes('|') || name.includes('|')) throw new CustomIdError(`${what}: command and action names cannot contain "|"`);
  const id = `${kind}|${command}|${name}|${tail ?? ''}`;
  if (id.length > CUSTOM_ID_MAX) {
    throw new CustomIdError(`${what}: custom_id would be ${id.length} characters (Discord allows ${CUSTOM_ID_MAX}); shorten its value`);
  }
  return id;
}

/** `copy` > 1 makes the id unique when one message has the same ref twice (Discord rejects duplicate ids). */
export function packAction(ref: ActionRef, copy = 1): string {
  return pack(copy > 1 ? `a${copy}` : 'a', ref.command, ref.action, ref.value, `/${ref.command} ${ref.action}`);
}

export function packForm(form: Pick<Form, 'command' | 'form' | 'state'>): string {
  return pack('f', form.command, form.form, form.state, `/${form.command} form ${form.form}`);
}

function split(id: string): [kind: string, command: string, name: string, tail: string] | undefined {
  const parts = id.split('|');
  if (parts.length < 4) return undefined;
  const [kind, command, name, ...rest] = parts as [string, string, string, ...string[]];
  return [kind, command, name, rest.join('|')];
}

export function unpackAction(id: string): ActionRef | undefined {
  const p = split(id);
  if (!p || !/^a\d*$/.test(p[0])) return undefined;
  return p[3] === '' ? { command: p[1], action: p[2] } : { command: p[1], action: p[2], value: p[3] };
}

export function unpackForm(id: string): { command: string; form: string; state?: string } | undefined {
  const p = split(id);
  if (!p || p[0] !== 'f') return undefined;
  return p[3] === '' ? { command: p[1], form: p[2] } : { command: p[1], form: p[2], state: p[3] };
}
