// Who counts as leadership on Discord, decided from the interaction itself (never from hidden commands):
// a member holding one of DISCORD_LEADER_ROLES, or a server admin (Administrator or Manage Server), who could
// give themselves such a role anyway — so a new server works before the roles are configured.
import { type BaseInteraction, type Client, type GuildMember, PermissionFlagsBits } from 'discord.js';
import type { Actor } from '../../core/context.js';

type Member = BaseInteraction['member'];

/**
 * The role ids the interaction carried. A cached GuildMember's `roles.cache` drops ids missing from the guild's
 * role cache, so the ids as received (`_roles`, stable across discord.js 14) come first.
 */
function roleIds(member: Member): string[] {
  if (!member) return [];
  if (Array.isArray(member.roles)) return member.roles;
  const received = (member as unknown as { _roles?: unknown })._roles;
  if (Array.isArray(received)) return received as string[];
  return [...(member.roles as GuildMember['roles']).cache.keys()];
}

export function isLeader(interaction: BaseInteraction, leaderRoles: readonly string[]): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true; // Administrator implies it
  const roles = roleIds(interaction.member);
  return roles.some((r) => leaderRoles.includes(r));
}

export function actorOf(interaction: BaseInteraction, leaderRoles: readonly string[]): Actor {
  const m = interaction.member;
  const nick = m && 'displayName' in m ? m.displayName : m && 'nick' in m ? m.nick : undefined;
  return {
    platform: 'discord',
    id: interaction.user.id,
    name: nick || interaction.user.globalName || interaction.user.username,
    isLeader: isLeader(interaction, leaderRoles),
  };
}

/**
 * The same rule outside an interaction (the dashboard re-checks its sessions): fetches the member from the
 * server (DISCORD_GUILD_ID, or the only server the bot is in). Unknown member or server: not a leader.
 */
export async function memberLeads(client: Client, guildId: string | undefined, userId: string, leaderRoles: readonly string[]): Promise<boolean> {
  const guild = guildId ? await client.guilds.fetch(guildId).catch(() => undefined) : client.guilds.cache.size === 1 ? client.guilds.cache.first() : undefined;
  const member = await guild?.members.fetch({ user: userId, force: true }).catch(() => undefined);
  if (!member) return false;
  if (member.permissions.has(PermissionFlagsBits.ManageGuild)) return true;
  return roleIds(member).some((r) => leaderRoles.includes(r));
}
