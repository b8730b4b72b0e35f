// The Slack app manifest generated from the command definitions.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import help from '../../commands/help.js';
import niapp from '../../commands/niapp.js';
import { BOT_SCOPES, slackManifest } from '../../src/adapters/slack/manifest.js';
import { defineCommand, defineLeaf } from '../../src/core/command.js';

const poll = defineCommand({
  name: 'poll',
  description: 'Member polls',
  subcommands: [defineLeaf({ name: 'create', description: 'Create', options: { question: z.string().describe('Q') }, positional: ['question'], run: () => undefined })],
});

describe('Slack manifest', () => {
  it('lists every command with description and usage hint, in Socket Mode by default', () => {
    const m = slackManifest([help, niapp, poll]) as { features: { slash_commands: unknown[] }; settings: Record<string, unknown>; oauth_config: { scopes: { bot: string[] } } };
    expect(m.features.slash_commands).toEqual([
      { command: '/help', description: 'List the commands, or explain one', usage_hint: '["command"]', should_escape: false },
      { command: '/niapp', description: 'About the NIAPP bot and your privacy', usage_hint: expect.stringMatching(/^\[about\|privacy.*\] …$/), should_escape: false },
      { command: '/poll', description: 'Member polls', usage_hint: 'create …', should_escape: false },
    ]);
    expect(m.settings).toEqual({ interactivity: { is_enabled: true }, org_deploy_enabled: false, socket_mode_enabled: true, token_rotation_enabled: false });
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'im:write', 'files:write', 'usergroups:read', 'channels:read', 'groups:read']);
    expect(Object.keys(BOT_SCOPES)).toEqual(m.oauth_config.scopes.bot);
  });

  it('points commands and interactivity at /slack/events in HTTP mode', () => {
    const m = slackManifest([help], { url: 'https://bot.example.org/' }) as { features: { slash_commands: { url: string }[] }; settings: { interactivity: unknown; socket_mode_enabled: boolean } };
    expect(m.features.slash_commands[0]!.url).toBe('https://bot.example.org/slack/events');
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://bot.example.org/slack/events' });
    expect(m.settings.socket_mode_enabled).toBe(false);
  });
});
