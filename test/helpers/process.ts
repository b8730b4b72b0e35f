// Runs the real bot as a child process (`npm start`, as a member would), feeding it lines on standard input.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from './wait.js';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export const root = join(import.meta.dirname, '..', '..');

/** A fresh sqlite URL in a temp folder. */
export const tempDb = (): string => `sqlite://${join(mkdtempSync(join(tmpdir(), 'niapp-')), 'bot.sqlite')}`;

/** The environment of a bot under test: no .env file, its own database, then the test's own settings. */
const botEnv = (env: Record<string, string>) => ({ PATH: process.env.PATH, HOME: process.env.HOME, BOT_ENV_FILE: '', BOT_DB: tempDb(), ...env });

export function runBot(lines: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: botEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

export interface RunningBot {
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Sends one more line of input. */
  send(line: string): void;
  /** Ends the input; resolves with the exit code once the bot has finished. */
  stop(): Promise<number | null>;
  /** Sends SIGTERM (as a deploy does); resolves with the exit code. */
  terminate(): Promise<number | null>;
  /** Waits until standard output matches `pattern`; returns it. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): void;
  pid: number;
}

/** Starts the bot (node + tsx directly, one process) with its input kept open until `stop()`. */
export function startBot(env: Record<string, string> = {}): RunningBot {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: botEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    stdout: () => out,
    stderr: () => err,
    send: (line) => child.stdin.write(`${line}\n`),
    stop: () => {
      child.stdin.end();
      return exited;
    },
    terminate: () => {
      child.kill('SIGTERM');
      return exited;
    },
    async waitFor(pattern, ms = 15_000) {
      await until(() => pattern.test(out), ms).catch(() => {
        throw new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
      });
      return out;
    },
    kill: (signal = 'SIGKILL') => child.kill(signal),
    pid: child.pid!,
  };
}
