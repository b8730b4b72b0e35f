// `npm run bench`: runs every section, prints one table, and writes bench/results/latest.json.
// `npm run bench -- votes slack` runs the sections whose titles contain those words (results: bench/results/partial.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { Row, Section } from './harness.js';
import { knowledgeSection } from './knowledge.bench.js';
import { slackSection } from './slack.bench.js';
import { discordSection } from './discord.bench.js';
import { schedulerSection } from './scheduler.bench.js';
import { votesSection } from './votes.bench.js';
import { footprintSection } from './footprint.bench.js';
import { dashboardSection } from './dashboard.bench.js';
import { chartsSection } from './charts.bench.js';
import { killSection } from './kill.bench.js';
import { lockSection } from './lock.bench.js';

const sections: Section[] = [knowledgeSection, slackSection, discordSection, schedulerSection, votesSection, footprintSection, dashboardSection, chartsSection, killSection, lockSection];

const only = process.argv.slice(2);
const results: { section: string; rows: Row[] }[] = [];
for (const section of sections) {
  if (only.length && !only.some((o) => section.title.toLowerCase().includes(o.toLowerCase()))) continue;
  process.stderr.write(`running: ${section.title} (load average ${loadavg().map((n) => n.toFixed(2)).join(' ')})\n`);
  results.push({ section: section.title, rows: await section.run() });
}

const fmt = (n: number | undefined) => (n === undefined ? '' : n >= 100 ? n.toFixed(0) : n.toFixed(2));
const lines = ['| section | figure | value | unit | floor | ratio | goal | note |', '|---|---|---|---|---|---|---|---|'];
for (const { section, rows } of results) {
  for (const r of rows) {
    const ratio = r.floor ? `${(r.value / r.floor).toFixed(2)}×` : '';
    lines.push(`| ${section} | ${r.name} | ${fmt(r.value)} | ${r.unit} | ${fmt(r.floor)} | ${ratio} | ${r.goal ?? ''} | ${r.note ?? ''} |`);
  }
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' ')}`;
process.stdout.write(`${lines.join('\n')}\n\nmachine: ${machine}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync(only.length ? 'bench/results/partial.json' : 'bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2));
