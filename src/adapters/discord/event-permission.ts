// At start, whether the bot may create Discord events (Guild Scheduled Events need Create Events since February
// 2026) in each server it is in. Without it, /event add still posts events and reminders (calendar.ts refuses the
// Events-list entry and tells the leader who added it); this check says so before anyone tries: a warning in the
// log at every start, and one note to leadership per server — sent once, and again only after the permission was
// seen granted and then lost (the claim is dropped when the check passes).
import { type Client, type Guild, PermissionFlagsBits } from 'discord.js';
import type { Logger } from 'pino';
import type { Message } from '../../core/message.js';
import type { Store } from '../../storage/store.js';

const NAMESPACE = 'discord-create-events-note';

export const missingCreateEventsNote = (server: string): Message => ({
  title: 'Discord: the bot may not create events',
  text:
    `In the Discord server **${server.slice(0, 100)}** the bot lacks the **Create Events** permission, so \`/event add\` posts the event and its reminders but adds nothing to the server's Events list. ` +
    "A server admin can grant it under Server Settings → Roles → the bot's role → Create Events, or re-invite the bot with the link in the README. " +
    'This note is sent once; the bot checks again at every start and logs a warning while the permission is missing.',
  tone: 'warning',
});

/** Guild ids where the bot lacks Create Events. `tell` sends leadership a note and says how many got it. */
export async function checkCreateEvents(client: Client, store: Store, tell: (msg: Message) => Promise<number>, log: Logger): Promise<string[]> {
  const missing: string[] = [];
  for (const guild of client.guilds.cache.values()) {
    const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => undefined));
    if (!me) {
      log.warn({ guild: guild.id }, 'could not read the bot\'s own permissions in this server');
      continue;
    }
    if (me.permissions.has(PermissionFlagsBits.CreateEvents)) {
      await store.keyv(NAMESPACE).delete(guild.id);
      continue;
    }
    missing.push(guild.id);
    log.warn({ guild: guild.id }, 'the bot lacks the Create Events permission: events get no entry in the server\'s Events list (grant it to the bot\'s role)');
    await noteOnce(guild, store, tell, log);
  }
  return missing;
}

async function noteOnce(guild: Guild, store: Store, tell: (msg: Message) => Promise<number>, log: Logger): Promise<void> {
  if (!(await store.claim(NAMESPACE, guild.id, { at: new Date().toISOString() }))) return;
  const sent = await tell(missingCreateEventsNote(guild.name));
  // Nowhere to say it (no leadership channel): try again at the next start rather than never.
  if (!sent) await store.keyv(NAMESPACE).delete(guild.id);
  log.info({ guild: guild.id, sent }, 'told leadership that the bot lacks Create Events');
}
