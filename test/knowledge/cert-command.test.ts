// /cert through the real registry (harness): what a member reads for the "Done when" questions, the topics,
// compare, checklist, related-topic buttons, the leadership subcommands, and reloading when files change.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type Harness, harness, leader, member } from '../helpers/context.js';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const only = (said: { kind: string }[]) => {
  expect(said).toHaveLength(1);
  expect(said[0]!.kind).toBe('ephemeral');
  return said[0] as (typeof said)[0] & { text: string; message: import('../../src/core/message.js').Message };
};

describe('/cert <question>', () => {
  it.each([
    ['how do i become a crss', 'How to become a CRSS', /2,000 hours/],
    ['cprs hrs?', 'CPRS education hours and domains', /100 clock hours/],
    ['how much is the test', 'Exam fee', /\$200[\s\S]*\$125[\s\S]*Confirm with ICB \(iaodapca\.org\)/],
    ['do i need a degree', 'Do I need a degree?', /high school diploma or GED/],
    ['warm line number', 'Illinois Warm Line', /1-866-359-7953[\s\S]*not a crisis line[\s\S]*may have changed/],
    ['does medicaid pay for peer support', 'Does Medicaid pay for peer support?', /Public Act 102-1037[\s\S]*10\/1\/2024/],
  ])('"%s" → %s, privately, with the source and verified date', async (q, title, fact) => {
    h = await harness(commands);
    const said = only(await h.run(`/cert ${q}`, member()));
    expect(said.message.title).toBe(title);
    expect(said.text).toMatch(fact);
    expect(said.message.footer).toMatch(/^Sources?: .+ — verified \d{4}-\d{2}-\d{2}/);
    if (title !== 'Illinois Warm Line') expect(said.message.footer).toMatch(/\(https?:\/\/\S+\)/);
    expect(said.message.buttons!.length).toBeGreaterThan(0);
    expect(said.message.buttons!.length).toBeLessThanOrEqual(3);
  });

  it('says it is not sure about pizza, offers topics, and logs only the text for leadership', async () => {
    h = await harness(commands);
    const said = only(await h.run("/cert what's the best pizza in chicago", member('alice')));
    expect(said.text).toMatch(/not sure/i);
    expect(said.message.buttons!.length).toBeGreaterThan(0);
    expect(said.message.buttons!.length).toBeLessThanOrEqual(3);
    await h.run("/cert what's the best pizza in chicago?", member('bob'));
    const rows = await h.services.store.scan('cert-unanswered', '');
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toMatch(/alice|bob|console/);

    const report = only(await h.run('/cert unanswered', leader()));
    expect(report.text).toContain("2× what's the best pizza in chicago");
  });

  it('answers a question naming both credentials with the comparison', async () => {
    h = await harness(commands);
    const said = only(await h.run('/cert whats the difference between crss and cprs', member()));
    expect(said.message.title).toBe('CRSS vs CPRS: side by side');
  });

  it('works with Discord-style typed options', async () => {
    h = await harness(commands);
    await h.registry.runOptions(h.surface(member('d', 'discord')), 'cert', 'ask', { question: 'how much is the exam' });
    expect(h.said.at(-1)!.message.title).toBe('Exam fee');
  });

  it('shows the entry behind a related-topic button', async () => {
    h = await harness(commands);
    const answer = only(await h.run('/cert how much is the test', member()));
    const button = answer.message.buttons![0]!;
    expect(button.action).toEqual({ command: 'cert', action: 'topic', value: 'fees' });
    await h.registry.runAction(h.surface(member()), button.action);
    expect(h.said.at(-1)!.message.title).toBe('All certification fees (sources conflict)');
    await h.registry.runAction(h.surface(member()), { command: 'cert', action: 'topic', value: 'gone' });
    expect(h.said.at(-1)!.text).toMatch(/no longer in the knowledge base/);
  });
});

describe('/cert subcommands', () => {
  it('/cert alone and /cert topics list the topics', async () => {
    h = await harness(commands);
    for (const line of ['/cert', '/cert topics']) {
      const said = only(await h.run(line, member()));
      expect(said.message.title).toMatch(/what I can answer/);
      expect(said.text).toContain('Fees');
      expect(said.text).toContain('Crisis and support lines');
    }
  });

  it('/cert compare shows CRSS and CPRS side by side, even with words after it', async () => {
    h = await harness(commands);
    const said = only(await h.run('/cert compare crss and cprs', member()));
    expect(said.message.title).toBe('CRSS vs CPRS: side by side');
    expect(said.text).toMatch(/CRSS: Illinois only\. CPRS: national/);
  });

  it('/cert checklist crss|cprs lists the steps in order; a wrong credential says how to ask', async () => {
    h = await harness(commands);
    const crss = only(await h.run('/cert checklist crss', member()));
    expect(crss.text).toMatch(/1\. [\s\S]*2\. [\s\S]*8\. Renew every 2 years with 40 CEUs/);
    const cprs = only(await h.run('/cert checklist cprs', member()));
    expect(cprs.text).toMatch(/IC&RC Peer Recovery exam/);
    const bad = only(await h.run('/cert checklist chw', member()));
    expect(bad.text).toMatch(/checklist for crss and for cprs/);
    expect(only(await h.run('/cert checklist CRSS', member())).message.title).toBe('How to become a CRSS');
  });

  it('/cert unanswered and /cert reload are for leadership only', async () => {
    h = await harness(commands);
    expect(only(await h.run('/cert unanswered', member())).text).toMatch(/Only NIAPP leadership/);
    expect(only(await h.run('/cert reload', member())).text).toMatch(/Only NIAPP leadership/);
  });

  it('/cert unanswered --since filters by date and rejects a bad date', async () => {
    h = await harness(commands);
    h.clock.set('2026-10-01T12:00:00Z');
    await h.run('/cert where is the october picnic', member());
    h.clock.set('2026-11-20T12:00:00Z');
    await h.run('/cert how do i fix my printer', member());
    const since = only(await h.run('/cert unanswered --since 2026-11-01', leader()));
    expect(since.text).toContain('printer');
    expect(since.text).not.toContain('picnic');
    const all = only(await h.run('/cert unanswered --since 2026-09-01', leader()));
    expect(all.text).toContain('picnic');
    expect(only(await h.run('/cert unanswered --since yesterday', leader())).text).toMatch(/YYYY-MM-DD/);
  });

  it('/cert reload picks up edited files and reports broken ones by path and field', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await cp('data/knowledge', dir, { recursive: true });
    h = await harness(commands, { KNOWLEDGE_DIR: dir });
    await writeFile(
      join(dir, 'picnic.md'),
      '---\nid: picnic\ntitle: "NIAPP picnic"\ntopic: NIAPP and national context\nphrasings: ["when is the picnic"]\ntags: [event]\nsources: [{title: NIAPP, url: "https://niapp.org"}]\nverified: 2026-11-22\nconfidence: high\n---\nThe picnic is on the date leadership announces.\n',
    );
    await writeFile(join(dir, 'broken.md'), '---\nid: broken\n---\nno title here at all\n');
    expect(only(await h.run('/cert when is the picnic', member())).message.title).toBe('Not sure');
    const said = await h.run('/cert reload', leader());
    const report = only(said.filter((s) => s.kind === 'ephemeral'));
    expect(report.text).toMatch(/entries loaded/);
    expect(report.text).toContain(`${join(dir, 'broken.md')} — title: is missing`);
    // Leadership hears of it privately too (the console's operator), not only whoever ran the reload.
    const dm = said.find((s) => s.kind === 'dm');
    expect(dm?.to).toBe('operator');
    expect(dm?.text).toContain(`${join(dir, 'broken.md')} — title: is missing`);
    expect(only(await h.run('/cert when is the picnic', member())).message.title).toBe('NIAPP picnic');
  });

  it('reloads by itself when a file changes (watcher lifecycle)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await cp('data/knowledge', dir, { recursive: true });
    h = await harness(commands, { KNOWLEDGE_DIR: dir });
    const watcher = h.services.knowledge.watcher(50);
    await watcher.start();
    try {
      const before = h.services.knowledge.entries.length;
      await rm(join(dir, 'nami-illinois.md'));
      const deadline = Date.now() + 5000;
      while (h.services.knowledge.entries.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(h.services.knowledge.entries.length).toBe(before - 1);
      expect(h.services.knowledge.get('nami-illinois')).toBeUndefined();
    } finally {
      await watcher.stop();
    }
  });
});
