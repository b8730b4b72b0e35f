// GET /healthz: whether each adapter is connected and the store answers, as JSON (200 when all is well, else 503).
// The store's ping is limited (guarded.ts PING_TIMEOUT_MS), so a stalled store means a 503 within 2 s.
// Other GET paths go to `routes` in turn (the calendar feed, /calendar/<secret>.ics); the first answer wins.
import { createServer, type Server } from 'node:http';
import type { Adapter } from './core/adapter.js';
import type { Store } from './storage/store.js';

export type Route = (path: string) => Promise<{ status: number; headers: Record<string, string>; body: string } | undefined>;

/** `host`: the address to listen on (HEALTH_HOST); every interface when undefined. */
export async function startHealthServer(port: number, adapters: readonly Adapter[], store: Store, host?: string, routes: Route[] = []): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url && req.url.split('?')[0] !== '/healthz') {
      for (const route of routes) {
        const answer = await route(req.url).catch(() => ({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'error' }));
        if (answer) return void res.writeHead(answer.status, answer.headers).end(answer.body);
      }
    }
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/healthz') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const storeOk = await store.ping();
    const states = Object.fromEntries(adapters.map((a) => [a.platform, a.status()]));
    const ok = storeOk && adapters.every((a) => a.status() === 'connected');
    res
      .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: ok ? 'ok' : 'degraded', adapters: states, store: storeOk ? 'ok' : 'unreachable' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
