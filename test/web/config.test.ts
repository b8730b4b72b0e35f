// When the dashboard is on, and the base URL of its links.
import { describe, expect, it } from 'vitest';
import { ConfigError, dashboardSettings, loadConfig } from '../../src/config.js';

describe('dashboard settings', () => {
  it('is on by default only in an interactive console, on 127.0.0.1:8787', () => {
    const consoleOnly = loadConfig({});
    expect(dashboardSettings(consoleOnly, true)).toEqual({ port: 8787, host: '127.0.0.1', url: 'http://127.0.0.1:8787', byDefault: true });
    expect(dashboardSettings(consoleOnly, false)).toBeUndefined();
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(dashboardSettings(slack, true)).toBeUndefined();
  });

  it('DASHBOARD_PORT turns it on anywhere; DASHBOARD_URL is the base of links (no trailing slash)', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DASHBOARD_PORT: '9000', DASHBOARD_URL: 'https://bot.niapp.org/' });
    expect(dashboardSettings(c, false)).toEqual({ port: 9000, host: '127.0.0.1', url: 'https://bot.niapp.org', byDefault: false });
  });

  it('a bad port or URL stops the bot with the variable named', () => {
    expect(() => loadConfig({ DASHBOARD_PORT: 'abc' })).toThrow(/DASHBOARD_PORT: must be a port number/);
    expect(() => loadConfig({ DASHBOARD_URL: 'bot.niapp.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ DASHBOARD_URL: 'bot.niapp.org' })).toThrow(/DASHBOARD_URL: must be the public base URL/);
  });
});
