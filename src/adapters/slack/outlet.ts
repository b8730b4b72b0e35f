// Posting outside an interaction (announcements, poll results, reminders) through the Web API. A post with an
// idempotency key carries it as message metadata, through a WebClient that does not retry (the caller's retry
// is the one policy): a retry after a failure of unknown outcome (a timeout, a reset connection) first looks the
// key up in the channel's recent history and returns that message instead of posting it again.
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

/** The metadata event type of the bot's keyed posts. */
export const POST_EVENT = 'niapp_post';
/** How far back a retry looks for its first attempt. */
const HISTORY_LOOKBACK = 50;

export async function postMessage(client: WebClient, channel: string, msg: Message, key?: string, log?: Logger): Promise<MessageRef> {
  const { image, files } = await uploadImage(client, msg, log);
  const { text, blocks } = renderMessage(msg, image);
  const metadata = key ? { metadata: { event_type: POST_EVENT, event_payload: { key } } } : {};
  const res = await client.chat.postMessage({ channel, text, blocks: blocks as never, unfurl_links: false, unfurl_media: false, ...metadata });
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

/** The message carrying `key` among the channel's recent ones, if an earlier attempt did land. */
async function findPosted(client: WebClient, channel: string, key: string): Promise<MessageRef | undefined> {
  const page = await client.conversations.history({ channel, limit: HISTORY_LOOKBACK, include_all_metadata: true });
  const hit = page.messages?.find((m) => {
    const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata;
    return meta?.event_type === POST_EVENT && meta.event_payload?.key === key;
  });
  return hit?.ts ? { platform: 'slack', channelId: channel, messageId: hit.ts } : undefined;
}

/** `posts`: a WebClient without retries, for keyed posts (see the top of this file). */
export function createSlackOutlet(client: WebClient, announceChannel: string | undefined, posts: WebClient = client, log?: Logger): Outlet {
  const unsure = new Set<string>(); // keys whose last attempt failed without telling whether it landed
  // The bot's own user id (auth.test), so that it never counts itself among a channel's members.
  let self: Promise<string | undefined> | undefined;
  const selfId = () => (self ??= client.auth.test().then((r) => r.user_id, () => (self = undefined)));
  return {
    platform: 'slack',
    ...(announceChannel ? { announceChannel } : {}),
    async post(channelId, msg, send) {
      if (!send) return postMessage(client, channelId, msg, undefined, log);
      if (send.retry || unsure.has(send.key)) {
        const first = await findPosted(client, channelId, send.key);
        if (first) return unsure.delete(send.key), first;
      }
      try {
        const ref = await postMessage(posts, channelId, msg, send.key, log);
        unsure.delete(send.key);
        return ref;
      } catch (err) {
        if (!slackError(err)) unsure.add(send.key); // no answer from Slack: it may have posted
        throw err;
      }
    },
    async update(ref, msg) {
      const { text, blocks } = renderMessage(msg);
      await client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks: blocks as never });
    },
    async dm(userId, msg) {
      try {
        const open = await client.conversations.open({ users: userId });
        if (!open.channel?.id) return false;
        await postMessage(client, open.channel.id, msg, undefined, log);
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
