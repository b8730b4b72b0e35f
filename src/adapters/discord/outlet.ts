// Posting outside interactions (announcements, poll results, reminders) through Discord's REST API.
import { createHash } from 'node:crypto';
import { type Client, DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { Outlet } from '../../core/context.js';
import type { Message, MessageRef } from '../../core/message.js';
import { discordCalendar } from './calendar.js';
import { renderMessage } from './render.js';

/** The REST body and files; `attachments` gives each file its id and, for an image, its alt text. */
const request = (msg: Message, key?: string) => {
  const { body, files } = renderMessage(msg);
  const attachments = files.map((f, id) => ({ id, filename: f.name, ...(f.description ? { description: f.description } : {}) }));
  const once = key ? { nonce: nonceOf(key), enforce_nonce: true } : {};
  return { body: { ...body, ...(files.length ? { attachments } : {}), ...once }, files: files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) };
};

/** Discord's nonce is at most 25 characters: a digest of the post's idempotency key. */
export const nonceOf = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 25);

export function discordOutlet(client: Client, announceChannel?: string): Outlet {
  // With enforce_nonce, Discord answers a repeat of the nonce (within minutes) with the first message.
  const post = async (channelId: string, msg: Message, send?: { key: string }): Promise<MessageRef> => {
    const created = (await client.rest.post(Routes.channelMessages(channelId), request(msg, send?.key))) as { id: string };
    return { platform: 'discord', channelId, messageId: created.id };
  };
  return {
    platform: 'discord',
    announceChannel,
    post,
    async update(ref, msg) {
      await client.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), request(msg));
    },
    async dm(userId, msg) {
      try {
        const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
        await post(channel.id, msg);
        return true;
      } catch (err) {
        if (err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) return false;
        throw err;
      }
    },
    async canPost(channelId) {
      const channel = await client.channels.fetch(channelId).catch(() => null);
      if (!channel?.isSendable()) return false;
      if (!('permissionsFor' in channel) || !client.user) return true;
      const perms = channel.permissionsFor(client.user);
      return !perms || perms.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks]);
    },
    /** Listing a channel's members needs the privileged GUILD_MEMBERS intent, which this bot does not ask for. */
    async members() {
      return undefined;
    },
    calendar: discordCalendar(client),
  };
}
