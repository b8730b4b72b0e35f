// Discord Guild Scheduled Events for the bot's events: an external event (location and end time) in the server
// of the channel the event is posted to, kept in step on cancel, with its "interested" count (user_count).
// Needs the Create Events permission; without it Discord answers 403 / 50013 and leadership is told what to do.
// A recurring event becomes one recurring Discord event where a Discord rule says its starts exactly
// (recurrence.ts); otherwise the entry stands for the next occurrence and the events service moves it on.
import { type Client, DiscordAPIError, GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel, GuildScheduledEventStatus, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { CalendarEntry, CalendarOutlet } from '../../core/context.js';
import { type DiscordRule, discordRule } from './recurrence.js';

export const MISSING_CREATE_EVENTS =
  'The bot may not create Discord events (it lacks the Create Events permission), so this event has no entry in the server\'s Events list. A server admin can grant it under Server Settings → Roles → the bot\'s role → Create Events, or re-invite the bot with the link in the README.';

const ruleOf = (e: CalendarEntry): DiscordRule | undefined => (e.series ? discordRule(e.series) : undefined);

const body = (e: CalendarEntry, rule: DiscordRule | undefined) => ({
  name: e.name.slice(0, 100),
  description: e.description?.slice(0, 1000),
  privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
  entity_type: GuildScheduledEventEntityType.External,
  entity_metadata: { location: e.location.slice(0, 100) },
  scheduled_start_time: e.start.toISOString(),
  scheduled_end_time: e.end.toISOString(),
  ...(rule ? { recurrence_rule: rule } : {}),
});

const missingPermission = (err: unknown) => err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.MissingPermissions;

/** Event ids are kept as "<guild id>/<event id>". */
export function discordCalendar(client: Client): CalendarOutlet {
  const split = (id: string) => id.split('/') as [string, string];
  return {
    async create(channelId, entry) {
      const channel = (await client.rest.get(Routes.channel(channelId))) as { guild_id?: string };
      if (!channel.guild_id) return { refused: 'The event channel is not in a server, so no Discord event was made.' };
      try {
        const rule = ruleOf(entry);
        const post = async (r: DiscordRule | undefined) => (await client.rest.post(Routes.guildScheduledEvents(channel.guild_id!), { body: body(entry, r) })) as { id: string };
        // A rule Discord refuses after all (its limits change): an entry for the next occurrence, moved on later.
        const created = await post(rule).catch((err: unknown) => {
          if (rule && err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType) return undefined;
          throw err;
        });
        if (created) return { id: `${channel.guild_id}/${created.id}`, recurring: Boolean(rule) };
        return { id: `${channel.guild_id}/${(await post(undefined)).id}`, recurring: false };
      } catch (err) {
        if (missingPermission(err)) return { refused: MISSING_CREATE_EVENTS };
        throw err;
      }
    },
    async update(id, entry) {
      const [guild, event] = split(id);
      try {
        // An event that ended or was cancelled in Discord cannot be moved to another time: it is gone for us.
        const current = (await client.rest.get(Routes.guildScheduledEvent(guild, event))) as { status: GuildScheduledEventStatus };
        if (current.status === GuildScheduledEventStatus.Completed || current.status === GuildScheduledEventStatus.Canceled) return 'gone';
        await client.rest.patch(Routes.guildScheduledEvent(guild, event), { body: body(entry, ruleOf(entry)) });
      } catch (err) {
        if (err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.UnknownGuildScheduledEvent) return 'gone';
        throw err;
      }
    },
    async cancel(id) {
      const [guild, event] = split(id);
      await client.rest.patch(Routes.guildScheduledEvent(guild, event), { body: { status: GuildScheduledEventStatus.Canceled } });
    },
    async remove(id) {
      const [guild, event] = split(id);
      await client.rest.delete(Routes.guildScheduledEvent(guild, event));
    },
    async interested(id) {
      const [guild, event] = split(id);
      const got = (await client.rest.get(Routes.guildScheduledEvent(guild, event), { query: new URLSearchParams({ with_user_count: 'true' }) })) as { user_count?: number };
      return got.user_count;
    },
  };
}
