// The console adapter over a fresh harness (the real adapter, registry, services and sqlite store), fed lines.
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { commands } from '../../commands/index.js';
import { createConsoleAdapter } from '../../src/adapters/console/adapter.js';
import { type Harness, harness } from '../helpers/context.js';
import { until } from '../helpers/wait.js';

export interface ConsoleSession {
  h: Harness;
  out(): string;
  /** Feeds one line and waits until something was printed for it and its work has finished. */
  send(line: string): Promise<void>;
  /** Feeds lines without waiting (lines that print nothing, such as the lines of a paragraph field). */
  type(...lines: string[]): void;
  /** Ends the input; resolves with everything printed once the adapter has finished. */
  end(): Promise<string>;
}

/** `interactive`: as at a terminal (prompts such as `niapp> ` are printed). */
export async function consoleSession(env: Record<string, string> = {}, interactive = false): Promise<ConsoleSession> {
  const h = await harness(commands, env);
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += d));
  let ended = false;
  const adapter = createConsoleAdapter({ config: h.services.config, registry: h.registry, services: h.services, log: pino({ level: 'silent' }), onEnd: () => (ended = true) }, { input, output, interactive });
  await adapter.start();
  return {
    h,
    out: () => out,
    async send(line: string) {
      const before = out.length;
      input.write(`${line}\n`);
      await until(() => out.length > before, 15_000);
      await h.registry.drain();
    },
    type(...lines: string[]) {
      for (const line of lines) input.write(`${line}\n`);
    },
    async end() {
      input.end();
      await until(() => ended, 15_000);
      await adapter.stop();
      return out;
    },
  };
}
