// `npm run slack:manifest` writes slack-manifest.yaml for "Create New App → From an app manifest".
//   npm run slack:manifest                                   Socket Mode (no public URL needed)
//   npm run slack:manifest -- --url https://bot.example.org  HTTP mode: Slack calls https://bot.example.org/slack/events
//   … --out path.yaml  --name "NIAPP bot"
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { commands } from '../commands/index.js';
import { slackManifest } from '../src/adapters/slack/manifest.js';

const { values } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string', default: 'slack-manifest.yaml' }, name: { type: 'string' } } });
if (values.url && !/^https:\/\/[^\s/]+/.test(values.url)) {
  process.stderr.write('--url must be the public https:// address of the bot, e.g. https://bot.example.org\n');
  process.exit(2);
}
const manifest = slackManifest(commands, { ...(values.url ? { url: values.url } : {}), ...(values.name ? { name: values.name } : {}) });
writeFileSync(values.out!, stringify(manifest));
process.stdout.write(`Wrote ${values.out} (${values.url ? `HTTP mode, ${values.url}/slack/events` : 'Socket Mode'}, ${commands.length} commands).\n`);
