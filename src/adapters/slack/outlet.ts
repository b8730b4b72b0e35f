// Posting outside an interaction (announcements, poll results, reminders) through the Web API. The WebClient
// retries 429 (after Retry-After) and 5xx itself; nothing here retries again, so a post is sent once.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Outlet } from '../../core/context.js';
import type { Attachment, Message, MessageRef } from '../../core/message.js';
import { MAX_IMAGE_ALT } from './limits.js';
import { type RenderOptions, renderMessage } from './render.js';

type WebClient = webApi.WebClient;

/** Errors that mean "this member cannot get a DM", not "something is broken". */
const NO_DM = /^(cannot_dm_bot|user_not_found|user_disabled|user_not_visible|messages_tab_disabled|not_allowed_token_type|channel_not_found|is_archived)$/;

export const slackError = (err: unknown): string | undefined => (err as { data?: { error?: string } } | null)?.data?.error;

export async function postMessage(client: WebClient, channel: string, msg: Message, log?: Logger): Promise<MessageRef> {
  const { image, files } = await uploadImage(client, msg, log);
  const { text, blocks } = renderMessage(msg, image);
  const res = await client.chat.postMessage({ channel, text, blocks: blocks as never, unfurl_links: false, unfurl_media: false });
  const ref: MessageRef = { platform: 'slack', channelId: res.channel ?? channel, messageId: res.ts! };
  if (files.length) await upload(client, ref.channelId, files, ref.messageId);
  return ref;
}

/**
 * The message's image, uploaded with the files.uploadV2 flow (getUploadURLExternal → upload →
 * completeUploadExternal) to no channel, so that an image block can show it by `slack_file` id — in a channel
 * message or an ephemeral answer alike. Returns its id and the attachments still to send as files. An image
 * that cannot be uploaded is left out (logged): the message goes out with its text.
 */
export async function uploadImage(client: WebClient, msg: Message, log?: Logger): Promise<{ image: RenderOptions; files: Attachment[] }> {
  const all = msg.attachments ?? [];
  const file = msg.image && all.find((a) => a.filename === msg.image!.filename);
  if (!file) return { image: {}, files: all };
  const files = all.filter((a) => a !== file);
  try {
    const res = (await client.files.uploadV2({
      file: typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content),
      filename: file.filename,
      alt_text: msg.image!.alt.slice(0, MAX_IMAGE_ALT),
    } as never)) as { files?: { files?: { id?: string }[] }[] };
    const id = res.files?.[0]?.files?.[0]?.id;
    if (!id) throw new Error(`Slack did not return a file id for ${file.filename}`);
    return { image: { imageFileId: id }, files };
  } catch (err) {
    log?.warn({ err: slackError(err) ?? String(err), file: file.filename }, 'could not upload an image to Slack; posting the text only');
    return { image: {}, files };
  }
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

export function createSlackOutlet(client: WebClient, announceChannel: string | undefined, log?: Logger): Outlet {
  return {
    platform: 'slack',
    ...(announceChannel ? { announceChannel } : {}),
    post: (channelId, msg) => postMessage(client, channelId, msg, log),
    async update(ref, msg) {
      const { text, blocks } = renderMessage(msg);
      await client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks: blocks as never });
    },
    async dm(userId, msg) {
      try {
        const open = await client.conversations.open({ users: userId });
        if (!open.channel?.id) return false;
        await postMessage(client, open.channel.id, msg, log);
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
      return ids;
    },
  };
}
