// Posting outside an interaction (announcements, poll results, reminders) through the Web API. The WebClient
// retries 429 (after Retry-After) and 5xx itself; nothing here retries again, so a post is sent once.
import type { webApi } from '@slack/bolt';
import type { Outlet } from '../../core/context.js';
import type { Attachment, Message, MessageRef } from '../../core/message.js';
import { renderMessage } from './render.js';

type WebClient = webApi.WebClient;

/** Errors that mean "this member cannot get a DM", not "something is broken". */
const NO_DM = /^(cannot_dm_bot|user_not_found|user_disabled|user_not_visible|messages_tab_disabled|not_allowed_token_type|channel_not_found|is_archived)$/;

export const slackError = (err: unknown): string | undefined => (err as { data?: { error?: string } } | null)?.data?.error;

export async function postMessage(client: WebClient, channel: string, msg: Message): Promise<MessageRef> {
  const { text, blocks } = renderMessage(msg);
  const res = await client.chat.postMessage({ channel, text, blocks: blocks as never, unfurl_links: false, unfurl_media: false });
  const ref: MessageRef = { platform: 'slack', channelId: res.channel ?? channel, messageId: res.ts! };
  if (msg.attachments?.length) await upload(client, ref.channelId, msg.attachments, ref.messageId);
  return ref;
}

/** files.uploadV2: getUploadURLExternal → upload → completeUploadExternal, shared into the channel. */
export async function upload(client: WebClient, channelId: string, files: Attachment[], threadTs?: string): Promise<void> {
  await client.files.uploadV2({
    channel_id: channelId,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    file_uploads: files.map((f) => ({
      file: typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : Buffer.from(f.content),
      filename: f.filename,
    })),
  } as never);
}

export function createSlackOutlet(client: WebClient, announceChannel: string | undefined): Outlet {
  // The bot's own user id (auth.test), so that it never counts itself among a channel's members.
  let self: Promise<string | undefined> | undefined;
  const selfId = () => (self ??= client.auth.test().then((r) => r.user_id, () => (self = undefined)));
  return {
    platform: 'slack',
    ...(announceChannel ? { announceChannel } : {}),
    post: (channelId, msg) => postMessage(client, channelId, msg),
    async update(ref, msg) {
      const { text, blocks } = renderMessage(msg);
      await client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks: blocks as never });
    },
    async dm(userId, msg) {
      try {
        const open = await client.conversations.open({ users: userId });
        if (!open.channel?.id) return false;
        await postMessage(client, open.channel.id, msg);
        return true;
      } catch (err) {
        if (NO_DM.test(slackError(err) ?? '')) return false;
        throw err;
      }
    },
    async canPost(channelId) {
      try {
        const info = await client.conversations.info({ channel: channelId });
        const c = info.channel;
        return Boolean(c && !c.is_archived && (c.is_member || c.is_im));
      } catch (err) {
        if (slackError(err)) return false;
        throw err;
      }
    },
    async members(channelId) {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.conversations.members({ channel: channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
        ids.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      const me = await selfId();
      return ids.filter((id) => id !== me);
    },
  };
}
