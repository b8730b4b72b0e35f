// Pure rendering: neutral Message → Discord message body (content, embeds, components, allowed_mentions) and
// files; neutral Form → modal. Everything is kept within Discord's limits: text is clipped with "…", things
// that cannot be clipped (too many controls, a too long custom_id) throw RenderError — never sent broken.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIModalInteractionResponseCallbackData } from 'discord.js';
import type { Button, Form, Message, Tone } from '../../core/message.js';
import { packAction, packForm } from './ids.js';
import { clip } from '../../core/text.js';

export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  selectOptions: 25,
  selectPlaceholder: 150,
  selectOptionText: 100,
  attachments: 10,
  attachmentDescription: 1024,
  modalTitle: 45,
  modalFields: 5,
  textInputLabel: 45,
  textInputPlaceholder: 100,
  textInputValue: 4000,
} as const;

export const TONE_COLORS: Record<Tone, number> = { info: 0x3b82f6, success: 0x22c55e, warning: 0xf59e0b, danger: 0xef4444 };

const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;

export class RenderError extends Error {
  override readonly name = 'RenderError';
}

export interface AllowedMentions {
  parse: ('everyone' | 'roles' | 'users')[];
  roles?: string[];
}

export interface DiscordBody {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: AllowedMentions;
}

export interface DiscordFile {
  name: string;
  contentType: string;
  data: Buffer;
  /** Alt text of an image (Discord's attachment description). */
  description?: string;
}

export interface Rendered {
  body: DiscordBody;
  files: DiscordFile[];
}

export { clip };
/** Discord rejects empty field names and values. */
const nonEmpty = (s: string) => (s.trim() ? s : '\u200b');
/** With @here allowed, text must not be able to say @everyone/@here itself. */
const defuse = (s: string) => s.replace(/@(everyone|here)/g, '@\u200b$1');

/** A message is "plain" when it is only text: it goes in `content`, as a person would write it. */
const isPlain = (m: Message) => !m.image && !m.title && !m.fields?.length && !m.footer && !m.tone && (m.text ?? '').length <= LIMITS.content - 30;

export function renderMessage(msg: Message): Rendered {
  const safe = msg.ping?.kind === 'here' ? defuse : (s: string) => s;
  const mention = msg.ping ? (msg.ping.kind === 'here' ? '@here' : `<@&${msg.ping.role}>`) : '';
  const allowed_mentions: AllowedMentions = !msg.ping
    ? { parse: [] }
    : msg.ping.kind === 'here'
      ? { parse: ['everyone'] }
      : { parse: [], roles: [msg.ping.role] };
  if (msg.ping?.kind === 'role' && !/^\d{5,25}$/.test(msg.ping.role)) throw new RenderError(`ping: "${msg.ping.role}" is not a Discord role id`);

  let content = mention;
  let embeds: APIEmbed[] = [];
  if (isPlain(msg)) {
    if (msg.text) content = [mention, safe(msg.text)].filter(Boolean).join('\n');
  } else {
    embeds = renderEmbeds(msg, safe);
  }
  const components = renderComponents(msg);
  const files: DiscordFile[] = (msg.attachments ?? []).map((a) => ({
    name: a.filename,
    contentType: a.contentType,
    data: typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : Buffer.from(a.content),
    ...(a.filename === msg.image?.filename ? { description: clip(msg.image.alt, LIMITS.attachmentDescription) } : {}),
  }));
  if (msg.image) {
    if (!files.some((f) => f.name === msg.image!.filename)) throw new RenderError(`image "${msg.image.filename}" is not one of the message's attachments`);
    // The picture is shown in the (last) embed; the file itself is referenced, not repeated below it.
    embeds.at(-1)!.image = { url: `attachment://${msg.image.filename}` };
  }
  if (files.length > LIMITS.attachments) throw new RenderError(`a message can carry ${LIMITS.attachments} files (got ${files.length})`);
  if (!content && !embeds.length && !components.length && !files.length) throw new RenderError('the message is empty');
  return { body: { content: clip(content, LIMITS.content), embeds, components, allowed_mentions }, files };
}

function embedSize(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function renderEmbeds(msg: Message, safe: (s: string) => string): APIEmbed[] {
  const color = msg.tone ? TONE_COLORS[msg.tone] : undefined;
  const fields = (msg.fields ?? []).map((f) => ({
    name: clip(nonEmpty(safe(f.name)), LIMITS.fieldName),
    value: clip(nonEmpty(safe(f.value)), LIMITS.fieldValue),
    ...(f.inline ? { inline: true } : {}),
  }));
  const head: APIEmbed = {};
  if (msg.title) head.title = clip(safe(msg.title), LIMITS.embedTitle);
  if (msg.text) head.description = clip(safe(msg.text), LIMITS.embedDescription);
  let footer = msg.footer ? clip(safe(msg.footer), LIMITS.footer) : undefined;

  // The 6,000-character total: the description gives way first; then fields beyond the budget (or beyond
  // 10 embeds of 25) are left out, and the footer says so.
  const reserve = 120;
  const fixed = (head.title?.length ?? 0) + (footer?.length ?? 0);
  if (head.description && fixed + head.description.length > LIMITS.embedsTotal - reserve) {
    head.description = clip(head.description, LIMITS.embedsTotal - reserve - fixed);
  }
  const budget = LIMITS.embedsTotal - embedSize(head) - (footer?.length ?? 0) - reserve;
  let kept = 0;
  let used = 0;
  while (kept < fields.length && kept < LIMITS.embedFields * LIMITS.embedsPerMessage) {
    const f = fields[kept]!;
    if (used + f.name.length + f.value.length > budget) break;
    used += f.name.length + f.value.length;
    kept++;
  }
  if (kept < fields.length) {
    const note = `${fields.length - kept} more not shown (too long for one Discord message).`;
    footer = footer ? clip(`${footer} · ${note}`, LIMITS.footer) : note;
  }
  const embeds: APIEmbed[] = [head];
  for (let i = 0; i < kept; i += LIMITS.embedFields) {
    const chunk = fields.slice(i, Math.min(kept, i + LIMITS.embedFields));
    if (i === 0) head.fields = chunk;
    else embeds.push({ fields: chunk });
  }
  if (footer) embeds.at(-1)!.footer = { text: footer };
  if (color !== undefined) for (const e of embeds) e.color = color;
  return embeds;
}

function renderComponents(msg: Message): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  const seen = new Map<string, number>();
  const idFor = (ref: Button['action']) => {
    const key = packAction(ref);
    const copy = (seen.get(key) ?? 0) + 1;
    seen.set(key, copy);
    return packAction(ref, copy);
  };
  const buttons = msg.buttons ?? [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: 1,
      components: buttons.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
        type: 2,
        style: BUTTON_STYLE[b.style ?? 'secondary'],
        label: clip(nonEmpty(b.label), LIMITS.buttonLabel),
        custom_id: idFor(b.action),
      })),
    });
  }
  if (msg.select) {
    const s = msg.select;
    if (!s.options.length) throw new RenderError(`select "${s.placeholder}" has no options`);
    if (s.options.length > LIMITS.selectOptions) throw new RenderError(`select "${s.placeholder}" has ${s.options.length} options (Discord allows ${LIMITS.selectOptions})`);
    const values = new Set(s.options.map((o) => o.value));
    if (values.size !== s.options.length) throw new RenderError(`select "${s.placeholder}" repeats an option value`);
    const min = s.min ?? 1;
    const max = Math.min(s.max ?? 1, s.options.length);
    if (min < 0 || min > max) throw new RenderError(`select "${s.placeholder}": min ${min} and max ${max} do not fit its ${s.options.length} options`);
    rows.push({
      type: 1,
      components: [
        {
          type: 3,
          custom_id: idFor(s.action),
          placeholder: clip(s.placeholder, LIMITS.selectPlaceholder),
          min_values: min,
          max_values: max,
          options: s.options.map((o) => {
            if (o.value.length > LIMITS.selectOptionText) throw new RenderError(`select "${s.placeholder}": option value "${o.value.slice(0, 20)}…" is over ${LIMITS.selectOptionText} characters`);
            return {
              label: clip(nonEmpty(o.label), LIMITS.selectOptionText),
              value: o.value,
              ...(o.description ? { description: clip(o.description, LIMITS.selectOptionText) } : {}),
            };
          }),
        },
      ],
    });
  }
  if (rows.length > LIMITS.actionRows) {
    throw new RenderError(`${buttons.length} buttons${msg.select ? ' and a select' : ''} need ${rows.length} rows; Discord allows ${LIMITS.actionRows} rows of ${LIMITS.buttonsPerRow}`);
  }
  return rows;
}

export function renderModal(form: Form): APIModalInteractionResponseCallbackData {
  if (!form.fields.length || form.fields.length > LIMITS.modalFields) {
    throw new RenderError(`form ${form.command}/${form.form} has ${form.fields.length} fields; Discord modals take 1 to ${LIMITS.modalFields}`);
  }
  return {
    custom_id: packForm(form),
    title: clip(form.title, LIMITS.modalTitle),
    components: form.fields.map((f) => {
      if (!f.id || f.id.length > 100) throw new RenderError(`form ${form.command}/${form.form}: field id "${f.id}" must be 1-100 characters`);
      const max = Math.min(f.maxLength ?? LIMITS.textInputValue, LIMITS.textInputValue);
      return {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: f.id,
            label: clip(f.label, LIMITS.textInputLabel),
            style: f.style === 'paragraph' ? 2 : 1,
            required: f.required !== false,
            max_length: max,
            ...(f.placeholder ? { placeholder: clip(f.placeholder, LIMITS.textInputPlaceholder) } : {}),
            ...(f.value ? { value: f.value.slice(0, max) } : {}),
          },
        ],
      };
    }),
  };
}
