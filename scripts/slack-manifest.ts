// `npm run slack:manifest` writes slack-manifest.yaml for "Create New App → From an app manifest".
//   npm run slack:manifest                                   Socket Mode (no public URL needed)
//   npm run slack:manifest -- --url https://bot.example.org  HTTP mode: Slack calls https://bot.example.org/slack/events
//   … --out path.yaml  --name "NIAPP bot"
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { commands } from '../commands/index.js';
import { slackManifest } from '../src/adapters/slack/manifest.js';

const USAGE = 'Usage: npm run slack:manifest -- [--url https://bot.example.org] [--out slack-manifest.yaml] [--name "NIAPP bot"]';
let values: { url?: string; out?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string', default: 'slack-manifest.yaml' }, name: { type: 'string' } } }));
} catch (err) {
  // A mistyped option gets one line saying what was wrong and the usage, not a stack trace.
  process.stderr.write(`${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n${USAGE}\n`);
  process.exit(2);
}
if (values.url && !/^https:\/\/[^\s/]+/.test(values.url)) {
  process.stderr.write('--url must be the public https:// address of the bot, e.g. https://bot.example.org\n');
  process.exit(2);
}
const manifest = slackManifest(commands, { ...(values.url ? { url: values.url } : {}), ...(values.name ? { name: values.name } : {}) });
writeFileSync(values.out!, stringify(manifest));
process.stdout.write(`Wrote ${values.out} (${values.url ? `HTTP mode, ${values.url}/slack/events` : 'Socket Mode'}, ${commands.length} commands).\n`);
