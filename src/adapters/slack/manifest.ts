// The Slack app manifest, generated from the command definitions: one slash command per command (description
// and usage hint from its options), interactivity for buttons and modals, and only the scopes the bot uses.
import type { CommandDef } from '../../core/command.js';
import { usageOf } from '../../core/options.js';
import { clip } from '../../core/text.js';

/** The one HTTP endpoint for commands, interactivity and events. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Each scope and the call that needs it. Nothing else is requested. */
export const BOT_SCOPES: Record<string, string> = {
  commands: 'slash commands',
  'chat:write': 'replies, announcements, poll tallies (chat.postMessage, chat.update, chat.postEphemeral)',
  'im:write': 'direct messages: reminders and exports (conversations.open)',
  'files:write': 'CSV exports for leadership (files.uploadV2)',
  'usergroups:read': 'SLACK_LEADER_GROUP members (usergroups.users.list)',
  'channels:read': 'checking a public channel and counting its members (conversations.info, conversations.members)',
  'groups:read': 'the same for private channels the bot was invited to',
};

export interface ManifestOptions {
  /** HTTP mode: the public base URL, e.g. https://bot.example.org (requests go to …/slack/events). Omit for Socket Mode. */
  url?: string;
  name?: string;
}


export function usageHint(def: CommandDef): string {
  if (def.leaf) return usageOf(def.leaf);
  const names = (def.subcommands ?? []).map((s) => s.name).join('|');
  return def.defaultSubcommand ? `[${names}] …` : `${names} …`;
}

export function slackManifest(commands: readonly CommandDef[], opts: ManifestOptions = {}): Record<string, unknown> {
  const endpoint = opts.url ? `${opts.url.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}` : undefined;
  const name = opts.name ?? 'NIAPP bot';
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Certification Q&A, announcements and member polls for the NAMI Illinois Alliance of Peer Professionals',
      background_color: '#1d4f91',
    },
    features: {
      bot_user: { display_name: clip(name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-'), 80), always_online: true },
      slash_commands: commands.map((def) => ({
        command: `/${def.name}`,
        description: clip(def.description, 100),
        ...(usageHint(def) ? { usage_hint: clip(usageHint(def), 100) } : {}),
        should_escape: false,
        ...(endpoint ? { url: endpoint } : {}),
      })),
    },
    oauth_config: { scopes: { bot: Object.keys(BOT_SCOPES) } },
    settings: {
      interactivity: { is_enabled: true, ...(endpoint ? { request_url: endpoint } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !endpoint,
      token_rotation_enabled: false,
    },
  };
}
