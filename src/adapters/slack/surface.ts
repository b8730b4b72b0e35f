// The neutral Surface for one Slack interaction, over Bolt's respond (response_url) and the Web API.
// Slack was already acked when a handler runs, so `defer` has nothing to do.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Actor, Surface } from '../../core/context.js';
import { type Message, type MessageRef, toMessage } from '../../core/message.js';
import { postMessage, slackError, upload, uploadImage } from './outlet.js';
import { renderForm, renderMessage } from './render.js';

type WebClient = webApi.WebClient;
/** Bolt's `respond`: POSTs JSON to the interaction's response_url. */
export type Respond = (body: Record<string, unknown>) => Promise<unknown>;

export interface Interaction {
  actor: Actor;
  channelId: string;
  client: WebClient;
  log: Logger;
  respond?: Respond;
  /** For views.open; valid 3 s and once. */
  triggerId?: string;
  /** The message a clicked control was on. */
  source?: { channelId: string; ts: string; ephemeral: boolean };
}

/** Errors after which a reply can still go through the response_url (the bot is not in that channel). */
const NOT_IN_CHANNEL = /^(not_in_channel|channel_not_found)$/;

export function createSurface(i: Interaction): Surface {
  const { client, actor, channelId, respond, log } = i;
  let triggerId = i.triggerId;

  const ephemeral = async (m: Message | string) => {
    let msg = toMessage(m);
    // An image is shown in the private answer itself (uploaded to no channel, referenced by file id).
    const { image, files } = await uploadImage(client, msg, log);
    msg = { ...msg, attachments: files.length ? files : undefined };
    if (msg.attachments?.length) {
      // Files cannot be ephemeral: they go to the member's direct messages, and the answer says so.
      const dm = await client.conversations.open({ users: actor.id });
      await upload(client, dm.channel!.id!, msg.attachments);
      const names = msg.attachments.map((a) => a.filename).join(', ');
      msg = { ...msg, attachments: undefined, footer: [msg.footer, `I sent you ${names} in a direct message.`].filter(Boolean).join('\n') };
    }
    const { text, blocks } = renderMessage(msg, image);
    if (respond) return void (await respond({ response_type: 'ephemeral', replace_original: false, text, blocks }));
    try {
      await client.chat.postEphemeral({ channel: channelId, user: actor.id, text, blocks: blocks as never });
    } catch (err) {
      if (!NOT_IN_CHANNEL.test(slackError(err) ?? '')) throw err;
      // A modal opened where the bot is not a member: the private answer goes to the member's DMs.
      const dm = await client.conversations.open({ users: actor.id });
      await postMessage(client, dm.channel!.id!, msg, undefined, log);
    }
  };

  const source: MessageRef | undefined = i.source ? { platform: 'slack', channelId: i.source.channelId, messageId: i.source.ts } : undefined;

  return {
    actor,
    where: { platform: 'slack', channelId },
    async reply(m) {
      const msg = toMessage(m);
      try {
        return await postMessage(client, channelId, msg, undefined, log);
      } catch (err) {
        if (!respond || !NOT_IN_CHANNEL.test(slackError(err) ?? '')) throw err;
        // Not a member of this channel (or a DM with someone else): answer through the response_url instead.
        const { text, blocks } = renderMessage(msg);
        await respond({ response_type: 'in_channel', replace_original: false, text, blocks });
        return undefined;
      }
    },
    ephemeral,
    async defer() {},
    async openForm(form) {
      if (!triggerId) return false;
      const trigger = triggerId;
      triggerId = undefined;
      try {
        await client.views.open({ trigger_id: trigger, view: renderForm(form, channelId) as never });
        return true;
      } catch (err) {
        log.warn({ err: slackError(err) ?? String(err), command: form.command }, 'could not open a Slack modal');
        return false;
      }
    },
    ...(source
      ? {
          source,
          async updateSource(m: Message) {
            const { text, blocks } = renderMessage(m);
            if (i.source!.ephemeral && respond) await respond({ replace_original: true, text, blocks });
            else await client.chat.update({ channel: source.channelId, ts: source.messageId, text, blocks: blocks as never });
          },
        }
      : {}),
  };
}
