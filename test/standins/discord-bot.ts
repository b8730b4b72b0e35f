// Starts the real bot's Discord adapter (real discord.js) against a DiscordStandIn, over the harness's
// registry and services (in-memory sqlite). For end-to-end tests of any command on Discord.
import { type Logger, pino } from 'pino';
import type { Adapter } from '../../src/core/adapter.js';
import type { CommandDef } from '../../src/core/command.js';
import { createDiscordAdapter, type DiscordAdapterOptions } from '../../src/adapters/discord/adapter.js';
import { type Harness, harness } from '../helpers/context.js';
import { DiscordStandIn, type DiscordStandInOptions } from './discord.js';

export interface DiscordBot {
  stand: DiscordStandIn;
  adapter: Adapter;
  h: Harness;
  close(): Promise<void>;
}

export async function startDiscordBot(
  commands: CommandDef[],
  opts: { standIn?: DiscordStandInOptions; adapter?: DiscordAdapterOptions; env?: Record<string, string>; log?: Logger } = {},
): Promise<DiscordBot> {
  const stand = await new DiscordStandIn(opts.standIn).start();
  const h = await harness(commands, {
    DISCORD_TOKEN: 'test-token',
    DISCORD_APPLICATION_ID: stand.applicationId,
    DISCORD_GUILD_ID: stand.guildId,
    DISCORD_API_URL: stand.apiUrl,
    ...opts.env,
  });
  const log = opts.log ?? pino({ level: process.env.TEST_LOG ?? 'silent' });
  const adapter = createDiscordAdapter({ config: h.services.config, registry: h.registry, services: h.services, log, onEnd: () => undefined }, opts.adapter);
  await adapter.start();
  return {
    stand,
    adapter,
    h,
    async close() {
      await adapter.stop();
      await h.registry.drain();
      await h.close();
      await stand.stop();
    },
  };
}
