// The neutral Surface over one Discord interaction: reply / ephemeral / defer / openForm / updateSource,
// mapped onto reply, deferReply, editReply, followUp, update, deferUpdate and showModal.
//
// The defer rule: a handler that answers within AUTO_DEFER_MS gets a direct response (which may be a modal:
// a form can only be the FIRST response). A handler still silent then is deferred automatically — an
// ephemeral "thinking…" for commands and modal submissions, an invisible deferUpdate for clicks — and later
// answers edit or follow up on it. Handlers that know they are slow call ctx.defer() at once. Deferring has to
// pick a visibility up front; when the answer's visibility differs, the placeholder is deleted and the answer
// is sent as a follow-up with the right visibility, so a private error never lands in public (and back).
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Actor, Outlet, Surface } from '../../core/context.js';
import type { Form, Message, MessageRef } from '../../core/message.js';
import { toMessage } from '../../core/message.js';
import { type Rendered, renderMessage, renderModal } from './render.js';

export type Answerable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

export const AUTO_DEFER_MS = 1000;

export interface DiscordSurface extends Surface {
  /** Called when the handler is done: acknowledges an interaction that was never answered. */
  settle(): Promise<void>;
}

export interface SurfaceDeps {
  actor: Actor;
  outlet: Outlet;
  log: Logger;
  autoDeferMs?: number;
  /** Remembers the labels of an opened form, to name fields in validation messages. */
  onFormOpened?(form: Form): void;
}

const options = (r: Rendered, ephemeral = false) => ({
  content: r.body.content,
  embeds: r.body.embeds,
  components: r.body.components,
  allowedMentions: r.body.allowed_mentions,
  files: r.files.map((f) => ({ attachment: f.data, name: f.name, ...(f.description ? { description: f.description } : {}) })),
  ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
});

export function interactionSurface(i: Answerable, deps: SurfaceDeps): DiscordSurface {
  const onMessage = i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage());
  const source: MessageRef | undefined = onMessage && i.message ? { platform: 'discord', channelId: i.message.channelId, messageId: i.message.id } : undefined;
  let phase: 'fresh' | 'deferred' | 'answered' = 'fresh';
  /** A reply-type defer whose "thinking…" message is still showing, and its visibility. */
  let placeholder: { ephemeral: boolean } | undefined;
  /** True once this interaction's "original" message is the clicked message (after update/deferUpdate). */
  let originalIsSource = false;
  /** Operations run one at a time, in order, so the auto-defer never races the handler's first answer. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  const defer = (ephemeral: boolean) =>
    serial(async () => {
      if (phase !== 'fresh') return;
      if (onMessage) {
        await i.deferUpdate();
        originalIsSource = true;
      } else {
        await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
        placeholder = { ephemeral };
      }
      phase = 'deferred';
    });

  const timer = setTimeout(() => void defer(true).catch((err: unknown) => deps.log.warn({ err }, 'could not defer the interaction')), deps.autoDeferMs ?? AUTO_DEFER_MS);

  const send = (m: Message | string, ephemeral: boolean) =>
    serial(async (): Promise<MessageRef | undefined> => {
      const r = renderMessage(toMessage(m));
      const ref = (id: string | undefined, channelId = i.channelId ?? ''): MessageRef | undefined =>
        ephemeral || !id ? undefined : { platform: 'discord', channelId, messageId: id };
      const was = phase;
      phase = 'answered';
      if (was === 'fresh') {
        const res = await i.reply({ ...options(r, ephemeral), withResponse: !ephemeral } as InteractionReplyOptions & { withResponse: boolean });
        const message = (res as { resource?: { message?: { id: string; channelId: string } | null } } | undefined)?.resource?.message;
        return ref(message?.id, message?.channelId);
      }
      if (placeholder) {
        const same = placeholder.ephemeral === ephemeral;
        placeholder = undefined;
        if (same) {
          const { flags: _flags, ...edit } = options(r);
          const msg = await i.editReply(edit as InteractionEditReplyOptions);
          return ref(msg.id, msg.channelId);
        }
        await i.deleteReply();
      }
      const msg = await i.followUp(options(r, ephemeral));
      return ref(msg.id, msg.channelId);
    });

  return {
    actor: deps.actor,
    where: { platform: 'discord', channelId: i.channelId ?? '' },
    source,
    reply: (m) => send(m, false),
    ephemeral: async (m) => void (await send(m, true)),
    defer: (opts) => defer(opts?.ephemeral ?? false),
    openForm: (form) =>
      serial(async () => {
        if (phase !== 'fresh' || i.isModalSubmit()) return false;
        const modal = renderModal(form);
        phase = 'answered';
        await i.showModal(modal);
        deps.onFormOpened?.(form);
        return true;
      }),
    updateSource: source
      ? (m) =>
          serial(async () => {
            const r = renderMessage(m);
            const { flags: _flags, files: _files, ...edit } = options(r);
            const was = phase;
            phase = 'answered';
            if (was === 'fresh' && i.isRepliable() && 'update' in i) {
              await i.update(edit);
              originalIsSource = true;
            } else if (originalIsSource) await i.editReply(edit);
            else await deps.outlet.update(source, m);
          })
      : undefined,
    settle: async () => {
      clearTimeout(timer);
      await serial(async () => {
        if (phase === 'fresh') {
          phase = 'answered';
          if (onMessage) await i.deferUpdate();
          else await i.reply({ content: 'Done.', flags: MessageFlags.Ephemeral });
        } else if (placeholder) {
          placeholder = undefined;
          await i.editReply({ content: 'Done.' });
        }
      });
    },
  };
}
