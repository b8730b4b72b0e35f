// The permissions the bot asks for when it is invited, in one place: the invite link in the README and the one
// `npm run discord:register` prints are built from this list (a test checks the README's link against it).
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';

export const BOT_PERMISSIONS = {
  ViewChannel: 'read the channels it posts to',
  SendMessages: 'post announcements, polls and events',
  EmbedLinks: 'show them as cards',
  AttachFiles: 'attach calendar files and exports',
  MentionEveryone: 'ping @here when leadership asks an announcement to',
  CreateEvents: "add events to the server's Events list (required for Guild Scheduled Events since February 2026)",
} as const satisfies Partial<Record<keyof typeof PermissionFlagsBits, string>>;

export const botPermissions = (): bigint => new PermissionsBitField(Object.keys(BOT_PERMISSIONS).map((k) => PermissionFlagsBits[k as keyof typeof PermissionFlagsBits])).bitfield;

export const inviteUrl = (applicationId: string): string =>
  `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${botPermissions()}`;
