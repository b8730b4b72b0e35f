// The connection misbehaves: heartbeat ACKs go missing, the gateway closes the socket, REST answers 429.
// The real discord.js client must resume (not re-identify), and the bot must keep answering.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../discord/fixtures.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';

let bot: DiscordBot;
const logged: { msg: string; level: number }[] = [];
const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
beforeAll(async () => {
  // A short heartbeat interval so that a zombie connection is noticed within a fraction of a second.
  bot = await startDiscordBot(fixtures, { standIn: { heartbeatMs: 100 }, adapter: { registerAtStart: false }, log });
});
afterAll(() => bot?.close());

async function stillAnswers(): Promise<void> {
  const [cb] = await bot.stand.answers(bot.stand.slash('echo', [{ name: 'text', type: 3, value: 'still here' }]));
  expect(cb!.body.data.content).toBe('still here');
}

describe('Discord adapter resilience', () => {
  it('resumes when heartbeat ACKs stop arriving, and answers the next interaction', async () => {
    await stillAnswers();
    const before = bot.stand.resumes;
    bot.stand.dropHeartbeatAcks = true;
    await bot.stand.sessions(bot.stand.identifies + before + 1);
    bot.stand.dropHeartbeatAcks = false;
    expect(bot.stand.resumes).toBeGreaterThan(before);
    expect(bot.stand.identifies).toBe(1);
    await stillAnswers();
    expect(bot.adapter.status()).toBe('connected');
    expect(logged.map((l) => l.msg)).toContain('gateway resumed');
  });

  it('resumes when the gateway closes the connection, and answers the next interaction', async () => {
    const before = bot.stand.resumes;
    bot.stand.closeGateway(4000);
    await bot.stand.sessions(bot.stand.identifies + before + 1);
    expect(bot.stand.identifies).toBe(1);
    await stillAnswers();
  });

  it('delivers a post exactly once when REST answers 429 with retry_after', async () => {
    const channel = bot.stand.channelIds[0]!;
    let limited = 0;
    bot.stand.on('rate-limited', () => limited++);
    bot.stand.rateLimitNext('POST', new RegExp(`^/channels/${channel}/messages$`), 0.05);
    const started = Date.now();
    const ref = await bot.h.services.outlets.get('discord')!.post(channel, { text: 'Training on Saturday' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(limited).toBe(1);
    const delivered = bot.stand.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages`);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.body.content).toBe('Training on Saturday');
    expect(ref.messageId).toMatch(/^\d+$/);
  });
});
