// Chooses the adapters that the configuration turns on. Platform libraries are imported lazily, so the
// console starts without loading them.
import type { Adapter, AdapterDeps } from '../core/adapter.js';
import { createConsoleAdapter } from './console/adapter.js';

export async function createAdapters(deps: AdapterDeps): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (deps.config.console) adapters.push(createConsoleAdapter(deps));
  if (deps.config.slack) {
    const { createSlackAdapter } = await import('./slack/adapter.js');
    adapters.push(createSlackAdapter(deps));
  }
  if (deps.config.discord) {
    const { createDiscordAdapter } = await import('./discord/adapter.js');
    adapters.push(createDiscordAdapter(deps));
  }
  return adapters;
}
