// Where private messages to leadership go on each platform (the digest and reload problems).
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Outlets, type Outlet } from '../../src/core/context.js';
import type { Platform } from '../../src/core/message.js';
import { tellLeaders } from '../../src/services/knowledge/leaders.js';

const log = pino({ level: 'silent' });
function outlet(platform: Platform, seen: string[], dmOk = true): Outlet {
  return {
    platform,
    post: async (channel) => (seen.push(`${platform} post ${channel}`), { platform, channelId: channel, messageId: '1' }),
    update: async () => undefined,
    dm: async (user) => (seen.push(`${platform} dm ${user}`), dmOk),
    canPost: async () => true,
  };
}

describe('tellLeaders', () => {
  it('prints on the console, DMs SLACK_LEADERS or posts in the leadership channels; never an announce channel', async () => {
    const seen: string[] = [];
    const outlets = new Outlets();
    for (const p of ['console', 'slack', 'discord'] as const) outlets.add(outlet(p, seen));
    expect(await tellLeaders(outlets, { SLACK_LEADERS: ['U1', 'U2'] }, { text: 'x' }, log)).toBe(3);
    expect(seen).toEqual(['console dm operator', 'slack dm U1', 'slack dm U2']); // Discord: no channel configured, nothing
    seen.length = 0;
    expect(await tellLeaders(outlets, { SLACK_LEADERS: ['U1'], SLACK_LEADERSHIP_CHANNEL: 'G1', DISCORD_LEADERSHIP_CHANNEL: '123456' }, { text: 'x' }, log)).toBe(3);
    expect(seen).toEqual(['console dm operator', 'slack post G1', 'discord post 123456']);
  });

  it('counts only deliveries that went out, and a failing platform does not stop the others', async () => {
    const seen: string[] = [];
    const outlets = new Outlets();
    outlets.add({ ...outlet('slack', seen, false) });
    outlets.add({ ...outlet('discord', seen), post: async () => Promise.reject(new Error('down')) });
    outlets.add(outlet('console', seen));
    expect(await tellLeaders(outlets, { SLACK_LEADERS: ['U1'], DISCORD_LEADERSHIP_CHANNEL: '123456' }, { text: 'x' }, log)).toBe(1);
  });
});
