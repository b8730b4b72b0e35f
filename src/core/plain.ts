// The plain-text rendering of a neutral message: what the console prints, and the notification/fallback
// text that Slack and Discord show where rich content cannot be.
import { type Attachment, type Button, type Message, type SelectOption, stripMarkdown } from './message.js';

export interface PlainOptions {
  /** Labels a control, e.g. with the number the console user types to press it. Default: "[Label]". */
  control?: (label: string, control: Button | SelectOption) => string;
  /** Keep the markdown subset (true for Slack/Discord fallbacks that render it anyway). */
  markdown?: boolean;
  /** How an attached file is shown; default "(file: name)" (the console writes it out and shows the path). */
  file?: (attachment: Attachment) => string;
}

export function renderPlain(msg: Message, opts: PlainOptions = {}): string {
  const text = (s: string) => (opts.markdown ? s : stripMarkdown(s));
  const control = opts.control ?? ((label) => `[${label}]`);
  const lines: string[] = [];
  if (msg.title) lines.push(opts.markdown ? `**${msg.title}**` : msg.title.toUpperCase());
  if (msg.text) lines.push(text(msg.text));
  for (const field of msg.fields ?? []) lines.push(`${field.name}: ${text(field.value)}`);
  if (msg.attachments?.length) lines.push(msg.attachments.map(opts.file ?? ((a) => `(file: ${a.filename})`)).join(' '));
  if (msg.buttons?.length) lines.push(msg.buttons.map((b) => control(b.label, b)).join('  '));
  if (msg.select) {
    lines.push(`${msg.select.placeholder}:`);
    for (const option of msg.select.options) lines.push(`  ${control(option.label, option)}`);
  }
  if (msg.footer) lines.push(text(msg.footer));
  return lines.join('\n');
}
