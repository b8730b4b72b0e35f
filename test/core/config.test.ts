import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration } from '../../src/config.js';

const problem = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('config', () => {
  it('runs the console with defaults when no platform is configured', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ console: true, discord: false, BOT_DB: 'sqlite://data/bot.sqlite', BOT_TIMEZONE: 'America/Chicago', SLACK_PORT: 3000, ANNOUNCE_GRACE: 3_600_000 });
    expect(c.slack).toBeUndefined();
  });

  it('takes a variable set to nothing as unset (HEALTH_PORT=, LOG_LEVEL=): the default, not an error', () => {
    const c = loadConfig({ HEALTH_PORT: '', DASHBOARD_PORT: ' ', LOG_LEVEL: '', BOT_TIMEZONE: '' });
    expect([c.HEALTH_PORT, c.DASHBOARD_PORT, c.BOT_TIMEZONE]).toEqual([undefined, undefined, 'America/Chicago']);
  });

  it('turns Slack on in HTTP mode with a bot token and signing secret, Socket Mode with an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toEqual({ mode: 'http' });
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(socket.slack).toEqual({ mode: 'socket' });
    expect(socket.console).toBe(false);
  });

  it('turns Discord on with a token and application id; leader roles are a list', () => {
    const c = loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789', DISCORD_LEADER_ROLES: '111111, 222222' });
    expect(c).toMatchObject({ discord: true, console: false, DISCORD_LEADER_ROLES: ['111111', '222222'] });
  });

  it.each([
    [{ BOT_TIMEZONE: 'Chicago' }, 'BOT_TIMEZONE: must be an IANA time zone such as America/Chicago'],
    [{ BOT_DB: 'mysql://x' }, 'BOT_DB: must be a store URL such as sqlite://data/bot.sqlite'],
    [{ HEALTH_PORT: 'eighty' }, 'HEALTH_PORT: must be a port number (1-65535)'],
    [{ SLACK_PORT: '70000' }, 'SLACK_PORT: must be a port number (1-65535)'],
    [{ ANNOUNCE_GRACE: 'an hour' }, 'ANNOUNCE_GRACE: must be a duration such as 30m, 1h or 2d'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL:'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN: must be a Slack bot token starting with xoxb-'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN'],
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN: is required when other SLACK_ variables are set'],
    [{ SLACK_API_URL: 'not a url' }, 'SLACK_API_URL: must be a URL'],
    [{ SLACK_ANNOUNCE_CHANNEL: '#general' }, 'SLACK_ANNOUNCE_CHANNEL: must be a Slack channel id'],
    [{ DISCORD_TOKEN: 't' }, 'DISCORD_APPLICATION_ID: is required with DISCORD_TOKEN'],
    [{ DISCORD_LEADER_ROLES: 'admins' }, 'DISCORD_LEADER_ROLES: must be Discord role ids'],
    [{ DISCORD_ANNOUNCE_CHANNEL: 'general' }, 'DISCORD_ANNOUNCE_CHANNEL: must be a Discord channel id'],
  ])('names the variable and what is expected: %j', (env, expected) => {
    expect(problem(env)).toContain(expected);
  });

  it('lists every bad variable at once', () => {
    const msg = problem({ BOT_TIMEZONE: 'Mars', HEALTH_PORT: '0' });
    expect(msg).toContain('BOT_TIMEZONE');
    expect(msg).toContain('HEALTH_PORT');
  });

  it('reads durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('soon')).toBeUndefined();
  });
});
