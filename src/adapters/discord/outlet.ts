// Posting outside interactions (announcements, poll results, reminders) through Discord's REST API.
import { type Client, DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { Outlet } from '../../core/context.js';
import type { Message, MessageRef } from '../../core/message.js';
import { discordCalendar } from './calendar.js';
import { renderMessage } from './render.js';

const request = (msg: Message) => {
  const { body, files } = renderMessage(msg);
  return { body, files: files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) };
};

export function discordOutlet(client: Client, announceChannel?: string): Outlet {
  const post = async (channelId: string, msg: Message): Promise<MessageRef> => {
    const created = (await client.rest.post(Routes.channelMessages(channelId), request(msg))) as { id: string };
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
