// The neutral message model: what a command says, as data. Each adapter renders it with pure functions.
//
// Text uses a small, safe markdown subset that every renderer understands:
//   **bold**   _italic_   `code`   [label](https://url)   lines starting with "- " are bullets.
// Text that came from a member is still just text: renderers escape what their platform would
// otherwise turn into a ping or a link (Slack: & < >; Discord: allowed_mentions).

export type Platform = 'slack' | 'discord' | 'console';

/** Where a button or select sends the click: a command's named action, with a short value. */
export interface ActionRef {
  command: string;
  action: string;
  value?: string;
}

export interface Field {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Button {
  label: string;
  action: ActionRef;
  style?: 'primary' | 'secondary' | 'danger';
}

export interface SelectOption {
  label: string;
  value: string;
  description?: string;
}

export interface Select {
  placeholder: string;
  /** The chosen option values arrive as `values`; `action.value` (if any) travels with them. */
  action: ActionRef;
  options: SelectOption[];
  /** How many options a member may choose (default 1..1). */
  min?: number;
  max?: number;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: string | Uint8Array;
}

export type Tone = 'info' | 'success' | 'warning' | 'danger';

export interface Message {
  title?: string;
  text?: string;
  fields?: Field[];
  footer?: string;
  buttons?: Button[];
  select?: Select;
  attachments?: Attachment[];
  /** A picture shown in the message: the attachment of that filename, with alt text that says what it shows. */
  image?: { filename: string; alt: string };
  tone?: Tone;
  /** Announcements only, and only when leadership asks: ping @here or one role. Never set from member text. */
  ping?: { kind: 'here' } | { kind: 'role'; role: string };
}

/** Where a message landed, so it can be edited later (poll tallies, RSVP counts). */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
}

/** A modal form, neutral. Its submission is routed to `forms[form]` of `command`. */
export interface FormField {
  id: string;
  label: string;
  style?: 'short' | 'paragraph';
  required?: boolean;
  placeholder?: string;
  value?: string;
  maxLength?: number;
}

export interface Form {
  command: string;
  form: string;
  /** Opaque, short state carried through the platform (e.g. an id being edited). */
  state?: string;
  title: string;
  submitLabel?: string;
  fields: FormField[];
}

export function toMessage(m: Message | string): Message {
  return typeof m === 'string' ? { text: m } : m;
}

/** Removes the markdown subset, keeping link targets readable: "[ICB](https://x)" → "ICB (https://x)". */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s).,!?:;])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}
