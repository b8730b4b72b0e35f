// `npm run discord:register`: bulk-overwrites the bot's Discord slash commands with the ones defined in
// commands/. With DISCORD_GUILD_ID: to that server only (instant). Without: globally (can take up to an hour).
// Everything is validated against Discord's rules first; nothing is sent when a command would be rejected.
import { commands } from '../commands/index.js';
import { BOT_PERMISSIONS, inviteUrl } from '../src/adapters/discord/permissions.js';
import { registerCommands } from '../src/adapters/discord/registration.js';
import { loadConfig } from '../src/config.js';

try {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new Error('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see the README, "Connect to Discord").');
  }
  const count = await registerCommands(
    { token: config.DISCORD_TOKEN, applicationId: config.DISCORD_APPLICATION_ID, guildId: config.DISCORD_GUILD_ID, apiUrl: config.DISCORD_API_URL },
    commands,
  );
  const scope = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID} (available now)` : 'all servers (global; may take up to an hour to appear)';
  process.stdout.write(`Registered ${count} commands for ${scope}: ${commands.map((c) => `/${c.name}`).join(', ')}\n`);
  process.stdout.write(`Invite link (permissions: ${Object.keys(BOT_PERMISSIONS).join(', ')}):\n${inviteUrl(config.DISCORD_APPLICATION_ID)}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
