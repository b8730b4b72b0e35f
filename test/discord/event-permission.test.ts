// The start-up check of Create Events, through the real discord.js against the stand-in: a bot whose role lacks
// the permission (invited with the old link) logs a warning and tells leadership once per server — not again at
// the next start, and again only after the permission was granted and then lost. With it: no warning, no note.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createDiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { startDiscordBot } from '../standins/discord-bot.js';

const ANNOUNCE = '1000000000000000100';
const LEADERSHIP = '1000000000000000200';
const OLD_INVITE = '183296'; // View Channels, Send Messages, Embed Links, Attach Files, Mention Everyone

/** A logger whose JSON lines the test can read. */
function capture() {
  const lines: { level: number; msg: string; guild?: string }[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { log: pino({ level: 'info' }, stream), lines };
}

const notes = (calls: { method: string; path: string; body: any }[]) =>
  calls.filter((c) => c.method === 'POST' && c.path === `/channels/${LEADERSHIP}/messages` && JSON.stringify(c.body).includes('lacks the **Create Events** permission'));

describe('Create Events checked at start', () => {
  it('without it: a warning at every start, one note to leadership per server, again only after it was granted and lost', async () => {
    const { log, lines } = capture();
    const bot = await startDiscordBot(commands, { standIn: { channelIds: [ANNOUNCE, LEADERSHIP], botPermissions: OLD_INVITE }, env: { DISCORD_ANNOUNCE_CHANNEL: ANNOUNCE, DISCORD_LEADERSHIP_CHANNEL: LEADERSHIP }, log, adapter: { registerAtStart: false } });
    const { h, stand } = bot;
    let adapter = bot.adapter;
    const restart = async () => {
      await adapter.stop();
      adapter = createDiscordAdapter({ config: h.services.config, registry: h.registry, services: h.services, log, onEnd: () => undefined }, { registerAtStart: false });
      await adapter.start();
    };
    const warnings = () => lines.filter((l) => l.level === 40 && /lacks the Create Events permission/.test(l.msg));
    try {
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]!.guild).toBe(stand.guildId);
      const [note] = notes(stand.calls);
      expect(note).toBeDefined();
      expect(JSON.stringify(note!.body)).toContain("Server Settings → Roles → the bot's role → Create Events");
      // The operator at the console (also connected) hears it too.
      expect(h.said.filter((s) => s.kind === 'dm' && s.text.includes('Create Events'))).toHaveLength(1);

      await restart();
      expect(warnings()).toHaveLength(2);
      expect(notes(stand.calls)).toHaveLength(1);

      stand.botPermissions = String(BigInt(OLD_INVITE) | (1n << 44n)); // an admin grants Create Events
      await restart();
      expect(warnings()).toHaveLength(2);
      expect(notes(stand.calls)).toHaveLength(1);

      stand.botPermissions = OLD_INVITE; // … and it is lost again
      await restart();
      expect(warnings()).toHaveLength(3);
      expect(notes(stand.calls)).toHaveLength(2);
    } finally {
      bot.adapter = adapter;
      await bot.close();
    }
  });

  it('with it (the invite link of the README): no warning, no note', async () => {
    const { log, lines } = capture();
    const bot = await startDiscordBot(commands, { standIn: { channelIds: [ANNOUNCE, LEADERSHIP] }, env: { DISCORD_ANNOUNCE_CHANNEL: ANNOUNCE, DISCORD_LEADERSHIP_CHANNEL: LEADERSHIP }, log, adapter: { registerAtStart: false } });
    try {
      expect(lines.some((l) => l.msg === 'discord ready')).toBe(true);
      expect(lines.filter((l) => /Create Events/.test(l.msg))).toEqual([]);
      expect(notes(bot.stand.calls)).toEqual([]);
      expect(bot.h.said.filter((s) => s.text.includes('Create Events'))).toEqual([]);
    } finally {
      await bot.close();
    }
  });
});
