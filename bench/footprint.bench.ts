// Footprint: time from start to ready, resident memory and idle CPU with both adapters connected (to the local
// stand-ins), next to a bare process that connects the same two libraries (bench/footprint-floor.ts).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from '../test/standins/discord.js';
import { startSlackStandIn } from '../test/standins/slack.js';
import { freePort } from '../test/helpers/wait.js';
import type { Row, Section } from './harness.js';

const IDLE_MS = 5000;
const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function measure(script: string, env: Record<string, string>) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      if (err.includes('"msg":"ready"')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${script} exited ${code}: ${err.slice(-500)}`)));
  });
  const readyMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = cpuMs(child.pid!);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idleCpu = (cpuMs(child.pid!) - cpu0) / (IDLE_MS / 1000);
  const rss = rssMb(child.pid!);
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { readyMs, rss, idleCpu };
}

export const footprintSection: Section = {
  title: 'Footprint (both adapters connected, idle)',
  async run(): Promise<Row[]> {
    const slack = await startSlackStandIn();
    const discord = await new DiscordStandIn().start();
    const env = async () => ({
      BOT_ENV_FILE: '',
      BOT_DB: `sqlite://${join(tmpdir(), `niapp-footprint-${process.pid}-${Date.now()}.sqlite`)}`,
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: String(await freePort()),
      DISCORD_TOKEN: 'bench-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_GUILD_ID: discord.guildId,
      DISCORD_API_URL: discord.apiUrl,
    });
    try {
      const floor = await measure('bench/footprint-floor.ts', await env());
      const bot = await measure('src/main.ts', await env());
      return [
        { name: 'start to ready (node + tsx)', value: bot.readyMs, unit: 'ms', floor: floor.readyMs },
        { name: 'resident memory, idle', value: bot.rss, unit: 'MiB', floor: floor.rss },
        { name: `idle CPU over ${IDLE_MS / 1000} s`, value: bot.idleCpu, unit: 'CPU ms/s', floor: floor.idleCpu },
      ];
    } finally {
      await slack.close();
      await discord.stop();
    }
  },
};
