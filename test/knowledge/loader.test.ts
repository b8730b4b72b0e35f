// Loading the knowledge base: the real base is complete and honest (numbers only from the reference sheet,
// fee answers show the conflict); a broken file is reported with its path and field while the rest loads.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/services/knowledge/loader.js';
import type { Entry } from '../../src/services/knowledge/schema.js';
import { termsOf } from '../../src/services/knowledge/synonyms.js';

const GOOD = `---
id: good-entry
title: "A good entry"
topic: Fees
phrasings: ["how much is it"]
tags: [fee]
sources:
  - title: "IDHS"
    url: "https://www.dhs.state.il.us/page.aspx?item=155901"
verified: 2026-11-22
confidence: high
---
The answer, long enough to be useful.
`;

describe('loading the real knowledge base', () => {
  let entries: Entry[];
  let sheet: string;
  beforeEach(async () => {
    const result = await loadKnowledge('data/knowledge');
    expect(result.problems).toEqual([]);
    entries = result.entries;
    sheet = await readFile('data/knowledge/_reference/illinois-peer-facts.md', 'utf8');
  });

  it('has at least 40 valid entries, each with a source and a verified date', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
    for (const e of entries) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      expect(e.verified, e.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('states no number that the reference sheet does not have', () => {
    const numbers = (text: string) => [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/,/g, '').replace(/\.$/, ''));
    const known = new Set(numbers(sheet));
    const unknown: string[] = [];
    for (const e of entries) {
      const text = [e.title, e.answer, ...e.facts.flatMap((f) => [f.name, f.value]), ...(e.steps ?? [])].join(' ');
      for (const n of numbers(text)) if (!known.has(n)) unknown.push(`${e.id}: ${n}`);
    }
    expect(unknown).toEqual([]);
  });

  it('shows the fee conflict and sends members to ICB in every fee answer', () => {
    const fees = entries.filter((e) => e.tags.includes('fee') && e.answer.includes('$'));
    expect(fees.length).toBeGreaterThanOrEqual(4);
    for (const e of fees) {
      expect(e.answer, e.id).toMatch(/confirm with ICB \(iaodapca\.org\)/i);
      expect(e.answer, e.id).toMatch(/disagree|conflict/i);
    }
  });

  it('says "not confirmed" where the sheet does, without a number', () => {
    for (const id of ['recovery-time-background', 'chw-not-confirmed', 'niapp-membership', 'cprs-work-supervision']) {
      const e = entries.find((x) => x.id === id)!;
      expect(e.answer, id).toMatch(/don't know|not confirmed/i);
    }
    expect(entries.find((e) => e.id === 'recovery-time-background')!.answer).not.toMatch(/\d/);
  });

  it('gives no two entries the same phrasing (an exact question must lead to one answer)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of entries) {
      for (const p of e.phrasings) {
        const key = [...new Set(termsOf(p))].sort().join(' ');
        const other = owner.get(key);
        if (other && other !== e.id) clashes.push(`"${p}" (${e.id}) = ${other}`);
        owner.set(key, e.id);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('loading a folder with broken files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reports each broken file with its path and field, and still loads the rest', async () => {
    await writeFile(join(dir, 'good.md'), GOOD);
    await writeFile(join(dir, 'no-title.md'), GOOD.replace('title: "A good entry"\n', '').replace('good-entry', 'no-title'));
    await writeFile(join(dir, 'bad-url.md'), GOOD.replace('https://www.dhs.state.il.us/page.aspx?item=155901', 'not a url').replace('good-entry', 'bad-url'));
    await writeFile(join(dir, 'blocked.md'), GOOD.replace('https://www.dhs.state.il.us/page.aspx?item=155901', 'https://eatsip365.com/crss').replace('good-entry', 'blocked'));
    await writeFile(join(dir, 'bad-date.md'), GOOD.replace('2026-11-22', 'last week').replace('good-entry', 'bad-date'));
    await writeFile(join(dir, 'no-front-matter.md'), 'Just text.');
    await writeFile(join(dir, 'bad-yaml.md'), '---\nid: [unclosed\n---\nbody text here');
    await writeFile(join(dir, 'z-dupe.md'), GOOD);
    await writeFile(join(dir, 'yaml-entry.yaml'), 'id: yaml-entry\ntitle: From YAML\ntopic: Fees\nphrasings: [x y]\nanswer: An answer written in YAML.\nsources: [{title: IDHS, url: "https://www.dhs.state.il.us/"}]\nverified: 2026-11-22\nconfidence: low\nrelated: [good-entry, nowhere]\n');
    await writeFile(join(dir, 'README.md'), '# not an entry');

    const { entries, problems } = await loadKnowledge(dir);
    expect(entries.map((e) => e.id).sort()).toEqual(['good-entry', 'yaml-entry']);
    const by = (file: string) => problems.filter((p) => p.path === join(dir, file)).map((p) => `${p.field}: ${p.message}`);
    expect(by('no-title.md')).toEqual(['title: is missing']);
    expect(by('bad-url.md')[0]).toMatch(/^sources\.0\.url: must be a full URL/);
    expect(by('blocked.md')[0]).toMatch(/^sources\.0\.url: is a site the reference sheet says not to use/);
    expect(by('bad-date.md')).toEqual(['verified: must be a date written YYYY-MM-DD']);
    expect(by('no-front-matter.md')[0]).toMatch(/front matter/);
    expect(by('bad-yaml.md')).toHaveLength(1);
    expect(by('good.md')).toEqual([]);
    expect(by('z-dupe.md')[0]).toMatch(/^id: "good-entry" is already used/);
    expect(by('yaml-entry.yaml')).toEqual(['related: unknown topic id(s): nowhere']);
    expect(entries.find((e) => e.id === 'yaml-entry')!.related).toEqual(['good-entry']);
  });

  it('reports a missing folder instead of failing', async () => {
    const { entries, problems } = await loadKnowledge(join(dir, 'nope'));
    expect(entries).toEqual([]);
    expect(problems[0]!.message).toMatch(/cannot read the knowledge folder/);
  });
});
