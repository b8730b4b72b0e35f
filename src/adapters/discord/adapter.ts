// The Discord adapter: one discord.js Client (Guilds intent only — everything arrives as interactions), routing
// slash commands, clicks and modal submissions into the registry, and logging the connection's life.
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { Adapter, AdapterDeps, AdapterStatus } from '../../core/adapter.js';
import type { Form } from '../../core/message.js';
import { tellLeaders } from '../../services/knowledge/leaders.js';
import { checkCreateEvents } from './event-permission.js';
import { unpackAction, unpackForm } from './ids.js';
import { actorOf, memberLeads } from './leaders.js';
import { collectOptions } from './options.js';
import { discordOutlet } from './outlet.js';
import { registerIfChanged } from './registration.js';
import { discordRestAgent } from './rest-agent.js';
import { clip } from './render.js';
import { type Answerable, interactionSurface } from './surface.js';

export interface DiscordAdapterOptions {
  /** Milliseconds before a silent handler is deferred (default surface.AUTO_DEFER_MS). */
  autoDeferMs?: number;
  /** Register the slash commands at start when their definitions changed (default true). */
  registerAtStart?: boolean;
}

export function createDiscordAdapter(deps: AdapterDeps, opts: DiscordAdapterOptions = {}): Adapter {
  const { config, registry, services, log: parentLog } = deps;
  const log = parentLog.child({ platform: 'discord' });
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) throw new Error('DISCORD_TOKEN and DISCORD_APPLICATION_ID are required');
  const token = config.DISCORD_TOKEN;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { agent: discordRestAgent() as never, ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) },
  });
  const outlet = discordOutlet(client, config.DISCORD_ANNOUNCE_CHANNEL);
  const leaderRoles = config.DISCORD_LEADER_ROLES;
  /** Field labels of forms opened in this process, to name fields in "please fix" messages. */
  const formLabels = new Map<string, Record<string, string>>();
  let status: AdapterStatus = 'disconnected';
  /** destroy() closes the shard like a disconnect would; that is not worth a log line. */
  let stopping = false;

  client.on(Events.ShardDisconnect, (e, shard) => {
    if (stopping) return;
    status = 'connecting';
    log.warn({ shard, code: e.code }, 'gateway disconnected');
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (stopping) return;
    status = 'connecting';
    log.info({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => {
    status = 'connected';
    log.info({ shard, replayed }, 'gateway resumed');
  });
  client.on(Events.ShardReady, (shard) => {
    status = 'connected';
    log.info({ shard }, 'gateway ready');
  });
  client.on(Events.ShardError, (err, shard) => log.error({ shard, err }, 'gateway error'));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ detail: message }, 'discord client warning'));
  client.on(Events.InteractionCreate, (interaction) => {
    route(interaction).catch((err: unknown) => log.error({ err, interaction: interaction.id }, 'interaction not answered'));
  });

  async function route(i: Interaction): Promise<void> {
    if (!(i.isChatInputCommand() || i.isButton() || i.isStringSelectMenu() || i.isModalSubmit())) return;
    const surface = interactionSurface(i as Answerable, {
      actor: actorOf(i, leaderRoles),
      outlet,
      log,
      autoDeferMs: opts.autoDeferMs,
      onFormOpened: (form: Form) => formLabels.set(`${form.command}|${form.form}`, Object.fromEntries(form.fields.map((f) => [f.id, f.label]))),
    });
    try {
      if (i.isChatInputCommand()) {
        const def = registry.get(i.commandName);
        const sub = i.options.getSubcommand(false) ?? undefined;
        const leaf = def?.leaf ?? def?.subcommands?.find((s) => s.name === sub);
        const given = sub ? (i.options.data[0]?.options ?? []) : i.options.data;
        await registry.runOptions(surface, i.commandName, sub, leaf ? collectOptions(leaf, given) : {});
      } else if (i.isButton() || i.isStringSelectMenu()) {
        const ref = unpackAction(i.customId);
        if (!ref) await surface.ephemeral({ text: 'That button is no longer in use. Try the command again.', tone: 'warning' });
        else await registry.runAction(surface, ref, i.isStringSelectMenu() ? [...i.values] : []);
      } else if (i.isModalSubmit()) {
        const ref = unpackForm(i.customId);
        const values = Object.fromEntries(i.fields.fields.map((f) => [f.customId, 'value' in f && typeof f.value === 'string' ? f.value : '']));
        if (!ref) return void (await surface.ephemeral({ text: 'That form is no longer in use. Try the command again.', tone: 'warning' }));
        const result = await registry.submitForm(surface, ref, values);
        if (!result.ok) await surface.ephemeral(invalidForm(result.errors, values, formLabels.get(`${ref.command}|${ref.form}`) ?? {}));
      }
    } finally {
      await surface.settle();
    }
  }

  return {
    platform: 'discord',
    status: () => status,
    leaders: { isLeader: (userId) => memberLeads(client, config.DISCORD_GUILD_ID, userId, leaderRoles) },
    async start() {
      status = 'connecting';
      const ready = once(client, Events.ClientReady);
      await client.login(token);
      await ready;
      status = 'connected';
      services.outlets.add(outlet);
      log.info({ guilds: client.guilds.cache.size, user: client.user?.id }, 'discord ready');
      if (opts.registerAtStart !== false) {
        const target = { token, applicationId: config.DISCORD_APPLICATION_ID!, guildId: config.DISCORD_GUILD_ID, apiUrl: config.DISCORD_API_URL };
        await registerIfChanged(target, registry.commands, services.store)
          .then((r) => log.info({ commands: registry.commands.length, scope: target.guildId ? 'guild' : 'global', result: r }, 'discord commands'))
          .catch((err: unknown) => log.error({ err }, 'could not register the Discord commands; run npm run discord:register'));
      }
      // The adapters before this one (console, Slack) are connected, so leadership hears it wherever it listens.
      await checkCreateEvents(client, services.store, (msg) => tellLeaders(services.outlets, config, msg, log), log).catch((err: unknown) =>
        log.error({ err }, 'could not check the Create Events permission'),
      );
    },
    async stop() {
      stopping = true;
      services.outlets.remove('discord');
      status = 'disconnected';
      await client.destroy();
    },
  };
}

/** Discord modals cannot mark fields, so the member hears privately which field and why — and gets back what they typed. */
function invalidForm(errors: Record<string, string>, values: Record<string, string>, labels: Record<string, string>) {
  const name = (id: string) => labels[id] ?? id;
  const lines = Object.entries(errors).map(([id, why]) => `- **${name(id)}**: ${why}`);
  const typed = Object.entries(values)
    .filter(([, v]) => v.trim())
    .map(([id, v]) => ({ name: `You typed in ${name(id)}`, value: `\`\`\`\n${clip(v.replace(/```/g, "'''"), 1000)}\n\`\`\`` }));
  return {
    title: 'Please check the form',
    text: `Nothing was saved. Fix ${lines.length === 1 ? 'this' : 'these'} and send it again:\n${lines.join('\n')}`,
    fields: typed,
    tone: 'warning' as const,
  };
}
