// Starts the dashboard in the bot process (on @hono/node-server) and gives the services the way to make
// sign-in links (`/niapp dashboard`). Stopped with the bot.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Adapter } from '../core/adapter.js';
import type { Actor } from '../core/context.js';
import type { Registry } from '../core/registry.js';
import type { DashboardSettings } from '../config.js';
import type { Services } from '../services/index.js';
import { createDashboardApp } from './app.js';
import { Sessions } from './sessions.js';

export interface Dashboard {
  /** Where it listens (http://host:port), which may differ from the base URL of links behind a proxy. */
  listening: string;
  /** The public base URL of links (DASHBOARD_URL). */
  url: string;
  signInLink(actor: Pick<Actor, 'platform' | 'id' | 'name'>): Promise<string>;
  close(): Promise<void>;
}

export async function startDashboard(settings: DashboardSettings, services: Services, registry: Registry, adapters: Adapter[]): Promise<Dashboard | undefined> {
  const sessions = new Sessions(services.store, services.clock);
  const app = createDashboardApp({
    services,
    registry,
    sessions,
    baseUrl: settings.url,
    leaders: (platform) => adapters.find((a) => a.platform === platform)?.leaders,
  });
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }) as Server;
      s.once('listening', () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    // The console's default port may be taken (a second bot): the console still works, without a dashboard.
    if (settings.byDefault && (err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      services.log.warn({ port: settings.port }, 'dashboard port in use; set DASHBOARD_PORT to another port');
      return undefined;
    }
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const base = settings.url;
  const dashboard: Dashboard = {
    url: base,
    listening: `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`,
    async signInLink(actor) {
      return `${base}/signin/${await sessions.issueLink({ platform: actor.platform, id: actor.id, name: actor.name })}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  services.dashboard = dashboard;
  return dashboard;
}
