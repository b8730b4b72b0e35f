// Neutral messages and forms → Block Kit, as pure functions. Everything a member could have typed is escaped
// (& < >) before the markdown subset is turned into Slack mrkdwn, so text can neither ping nor forge a link.
// Limits are the named constants of limits.ts; content that does not fit is shortened with a visible marker.
import type { Button, Form, Message, Select } from '../../core/message.js';
import { renderPlain } from '../../core/plain.js';
import { clip, head } from '../../core/text.js';
import { type FormRoute, packAction, packForm } from './ids.js';
import * as L from './limits.js';

export type Block = { type: string } & Record<string, unknown>;
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes, then renders the neutral markdown subset: **b** → *b*, [l](u) → <u|l>, "- " → "• ". */
export function toMrkdwn(s: string): string {
  return escapeText(s)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s|]+)\)/g, (_, label: string, url: string) => `<${url}|${label.replace(/\|/g, '¦')}>`)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^- /gm, '• ');
}

const TONE: Record<string, string> = { success: ':white_check_mark: ', warning: ':warning: ', danger: ':x: ', info: '' };

const plain = (text: string, max: number) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

export { clip };

/** Splits text into pieces of at most `max` characters, at line ends where it can. */
export function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (let line of text.split('\n')) {
    while (line.length > max) {
      if (current) out.push(current), (current = '');
      const piece = head(line, max);
      out.push(piece);
      line = line.slice(piece.length);
    }
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length > max) out.push(current), (current = line);
    else current = joined;
  }
  if (current) out.push(current);
  return out;
}

/** Who a message pings: only what leadership set on the message, never anything from its text. */
export function pingOf(msg: Message): string {
  if (!msg.ping) return '';
  if (msg.ping.kind === 'here') return '<!here> ';
  return /^S[A-Z0-9]+$/.test(msg.ping.role) ? `<!subteam^${msg.ping.role}> ` : '';
}

function buttonBlock(buttons: Button[], offset: number): Block {
  return {
    type: 'actions',
    elements: buttons.map((b, i) => ({
      type: 'button',
      text: plain(b.label, L.MAX_BUTTON_TEXT),
      ...packAction(b.action, offset + i, 'button'),
      ...(b.style === 'primary' || b.style === 'danger' ? { style: b.style } : {}),
    })),
  };
}

function selectBlock(select: Select): Block {
  const multi = (select.max ?? 1) > 1;
  const options = select.options.slice(0, L.MAX_SELECT_OPTIONS).map((o) => ({
    text: plain(o.label, L.MAX_OPTION_TEXT),
    value: o.value.slice(0, L.MAX_OPTION_VALUE),
    ...(o.description ? { description: plain(o.description, L.MAX_OPTION_TEXT) } : {}),
  }));
  return {
    type: 'actions',
    elements: [
      {
        type: multi ? 'multi_static_select' : 'static_select',
        placeholder: plain(select.placeholder, L.MAX_PLACEHOLDER),
        ...packAction(select.action, 0, 'select'),
        options,
        ...(multi ? { max_selected_items: Math.min(select.max!, options.length) } : {}),
      },
    ],
  };
}

/** Where the message's image was uploaded (files.uploadV2 without a channel): its Slack file id. */
export interface RenderOptions {
  imageFileId?: string;
}

/** The image block: the uploaded file by `slack_file` id, with the message's alt text. */
function imageBlock(msg: Message, fileId: string): Block {
  return { type: 'image', slack_file: { id: fileId }, alt_text: clip(msg.image!.alt, L.MAX_IMAGE_ALT) };
}

/** The controls and footer: always shown, so their room is reserved before the content is laid out. */
function tailOf(msg: Message, opts: RenderOptions): Block[] {
  const tail: Block[] = [];
  if (msg.image && opts.imageFileId) tail.push(imageBlock(msg, opts.imageFileId));
  const buttons = msg.buttons ?? [];
  for (let i = 0; i < buttons.length; i += L.MAX_ACTIONS_PER_BLOCK) tail.push(buttonBlock(buttons.slice(i, i + L.MAX_ACTIONS_PER_BLOCK), i));
  if (msg.select) tail.push(selectBlock(msg.select));
  const files = (msg.attachments ?? []).filter((a) => !(opts.imageFileId && a.filename === msg.image?.filename));
  if (files.length) tail.push({ type: 'context', elements: [mrkdwn(files.map((a) => `:page_facing_up: ${escapeText(a.filename)}`).join('  '))] });
  if (msg.footer) tail.push({ type: 'context', elements: [mrkdwn(clip(toMrkdwn(msg.footer), L.MAX_SECTION_TEXT))] });
  return tail;
}

/** The text sections of a message in order: text, then fields (inline ones grouped ten to a section). */
function contentOf(msg: Message): Block[] {
  const lead = (TONE[msg.tone ?? 'info'] ?? '') + pingOf(msg);
  const blocks: Block[] = [];
  const texts = msg.text ? chunks(lead + toMrkdwn(msg.text), L.MAX_SECTION_TEXT) : lead ? [lead.trim()] : [];
  for (const t of texts) blocks.push({ type: 'section', text: mrkdwn(t) });
  let inline: { type: string; text: string }[] = [];
  const flush = () => {
    if (inline.length) blocks.push({ type: 'section', fields: inline });
    inline = [];
  };
  for (const f of msg.fields ?? []) {
    const body = `*${escapeText(f.name)}*\n${toMrkdwn(f.value)}`;
    if (f.inline) {
      inline.push(mrkdwn(clip(body, L.MAX_FIELD_TEXT)));
      if (inline.length === L.MAX_FIELDS_PER_SECTION) flush();
      continue;
    }
    flush();
    for (const t of chunks(body, L.MAX_SECTION_TEXT)) blocks.push({ type: 'section', text: mrkdwn(t) });
  }
  flush();
  return blocks;
}

const textLength = (b: Block): number => JSON.stringify(b).length;

export function renderMessage(msg: Message, opts: RenderOptions = {}): SlackMessage {
  const blocks: Block[] = [];
  if (msg.title) blocks.push({ type: 'header', text: plain(msg.title, L.MAX_HEADER_TEXT) });
  const tail = tailOf(msg, opts);
  const room = L.MAX_BLOCKS - tail.length - blocks.length;
  let budget = L.MAX_TOTAL_BLOCK_TEXT - tail.reduce((n, b) => n + textLength(b), 0);
  const content = contentOf(msg);
  for (let i = 0; i < content.length; i++) {
    const block = content[i]!;
    const last = i === room - 1 && i < content.length - 1;
    if (textLength(block) > budget - 100 || last) {
      blocks.push({ type: 'context', elements: [mrkdwn(L.TRUNCATED)] });
      break;
    }
    budget -= textLength(block);
    blocks.push(block);
  }
  blocks.push(...tail);
  return { text: fallbackOf(msg), blocks };
}

/** The notification text (and what clients without blocks show). */
export function fallbackOf(msg: Message): string {
  const { buttons: _b, select: _s, image: _i, ...rest } = msg;
  const text = pingOf(msg) + toMrkdwn(renderPlain(rest, { markdown: true }));
  return clip(text, L.MAX_FALLBACK_TEXT, L.TRUNCATED);
}

/** A neutral form as a modal view. Each field is an input block whose block_id is the field id. */
export function renderForm(form: Form, channelId: string): Block & { type: 'modal' } {
  const route: FormRoute = { command: form.command, form: form.form, channelId, ...(form.state !== undefined ? { state: form.state } : {}) };
  return {
    type: 'modal',
    ...packForm(route),
    title: plain(form.title, L.MAX_MODAL_TITLE),
    submit: plain(form.submitLabel ?? 'Submit', L.MAX_MODAL_BUTTON),
    close: plain('Cancel', L.MAX_MODAL_BUTTON),
    blocks: form.fields.slice(0, L.MAX_MODAL_BLOCKS).map((f) => ({
      type: 'input',
      block_id: f.id,
      optional: !f.required,
      label: plain(f.label, L.MAX_INPUT_LABEL),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: f.style === 'paragraph',
        ...(f.placeholder ? { placeholder: plain(f.placeholder, L.MAX_PLACEHOLDER) } : {}),
        ...(f.value !== undefined ? { initial_value: f.value } : {}),
        ...(f.maxLength ? { max_length: f.maxLength } : {}),
      },
    })),
  };
}

/** The submitted values of a modal: block_id → text. */
export function formValues(state: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, inputs] of Object.entries(state)) {
    const input = Object.values(inputs)[0];
    out[blockId] = input?.value ?? input?.selected_option?.value ?? '';
  }
  return out;
}
