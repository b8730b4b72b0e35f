// The core knows no platform: only src/adapters/slack imports Bolt, only src/adapters/discord imports discord.js.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const PLATFORM_IMPORT = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"](@slack\/[\w-]+|discord\.js|@discordjs\/[\w-]+)['"]/g;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(PLATFORM_IMPORT)].map((m) => m[1]!);

describe('import boundary', () => {
  it.each(['commands', 'src/core', 'src/services', 'src/storage'])('%s imports no platform library', (dir) => {
    const offenders = sources(join(root, dir)).flatMap((f) => importsOf(f).map((lib) => `${relative(root, f)} → ${lib}`));
    expect(offenders).toEqual([]);
  });

  it('only the Slack adapter imports Slack libraries, only the Discord adapter imports discord.js', () => {
    const offenders: string[] = [];
    for (const f of sources(join(root, 'src'))) {
      const rel = relative(root, f);
      for (const lib of importsOf(f)) {
        const home = lib.startsWith('@slack/') ? 'src/adapters/slack/' : 'src/adapters/discord/';
        if (!rel.startsWith(home)) offenders.push(`${rel} → ${lib}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('catches a platform import when there is one (the check itself works)', () => {
    expect([..."import { App } from '@slack/bolt';".matchAll(PLATFORM_IMPORT)]).toHaveLength(1);
    expect([..."const d = await import('discord.js')".matchAll(PLATFORM_IMPORT)]).toHaveLength(1);
  });
});
