// Asking back, freshness and reload safety, through the real registry: "the exam" asks which one with buttons;
// an answer past its review-by date says when it was last verified; the monthly digest goes privately to
// leadership once a month whatever the replicas (injected clock, no waiting); a file that fails to parse on
// reload keeps its last good version and leadership hears of it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type Harness, harness, leader, member } from '../helpers/context.js';

const hs: Harness[] = [];
let dir: string | undefined;
afterEach(async () => {
  for (const h of hs.splice(0)) await h.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});
const make = async (env: Record<string, string> = {}) => {
  const h = await harness(commands, env);
  hs.push(h);
  return h;
};
const ephemeral = (said: { kind: string; text: string; message: import('../../src/core/message.js').Message }[]) => {
  const e = said.filter((s) => s.kind === 'ephemeral');
  expect(e).toHaveLength(1);
  return e[0]!;
};

describe('asking back', () => {
  it('"the exam" without a credential: "Which one do you mean?", one tap, then the answer', async () => {
    const h = await make();
    const ask = ephemeral(await h.run('/cert the exam', member()));
    expect(ask.message.title).toBe('Which one do you mean?');
    expect(ask.message.buttons!.map((b) => [b.label, b.action.value])).toEqual([
      ['The CRSS exam', 'crss-exam'],
      ['The CPRS exam (IC&RC Peer Recovery)', 'cprs-exam'],
    ]);
    await h.registry.runAction(h.surface(member()), ask.message.buttons![1]!.action);
    expect(h.said.at(-1)!.message.title).toBe('The CPRS exam (IC&RC Peer Recovery)');
    expect(h.said.at(-1)!.text).toMatch(/pass mark is \*\*500\*\*|pass mark is 500/);
    // Asking back logs nothing as unanswered.
    expect(await h.services.store.scan('cert-unanswered', '')).toEqual([]);
  });

  it('never answers a CRSS/CPRS question from a CHW entry, nor a CHW question from a CRSS/CPRS entry', async () => {
    const h = await make();
    expect(ephemeral(await h.run('/cert how long is the cert good for', member())).message.title).toBe('Renewing your certification');
    expect(ephemeral(await h.run('/cert can i get certified with a felony', member())).message.title).toBe('Minimum time in recovery and background checks');
    expect(ephemeral(await h.run('/cert how much is the chw exam', member())).message.title).toBe('CHW fees, hours and renewal');
  });
});

describe('freshness', () => {
  it('an answer past its review-by date says when it was last verified', async () => {
    const h = await make();
    const entry = h.services.knowledge.get('exam-fee')!;
    h.clock.set(`${entry.reviewBy}T12:00:00Z`);
    expect(ephemeral(await h.run('/cert exam fee', member())).text).not.toMatch(/last verified/);
    h.clock.set(new Date(Date.parse(`${entry.reviewBy}T12:00:00Z`) + 86_400_000).toISOString());
    expect(ephemeral(await h.run('/cert exam fee', member())).text).toContain(`last verified on ${entry.verified} and is due for review`);
  });

  it('sends the monthly digest privately to leadership, once a month across replicas', async () => {
    const h = await make();
    const k = h.services.knowledge;
    const other = k.digest('America/Chicago'); // a second replica's digest over the same store
    const digest = k.digest('America/Chicago');
    h.clock.set('2026-11-22T15:00:00Z');
    await h.run('/cert where do members park for the exam site', member());
    expect(await digest.tick()).toBe(false); // a new store: the first digest waits for the next month
    h.clock.set('2027-04-30T15:00:00Z');
    await h.run('/cert where do members park for the exam site', member());
    h.clock.set('2027-05-01T06:00:00Z'); // 1 am in Chicago: May
    const before = h.said.length;
    expect(await digest.tick()).toBe(true);
    expect(await other.tick()).toBe(false);
    expect(await digest.tick()).toBe(false);
    const sent = h.said.slice(before);
    expect(sent.map((s) => [s.kind, s.to])).toEqual([['dm', 'operator']]);
    const text = sent[0]!.text;
    expect(text).toMatch(/KNOWLEDGE DIGEST FOR 2027-05/);
    // Fee entries are due six months after verification (2027-05-23): within the month ahead.
    expect(text).toContain('exam-fee Exam fee: review by 2027-05-23');
    expect(text).toContain('1× where do members park for the exam site'); // last 30 days only
    expect(text).not.toContain('2×');
    h.clock.set('2027-06-01T06:00:00Z');
    expect(await other.tick()).toBe(true);
    expect(h.said.at(-1)!.text).toMatch(/exam-fee Exam fee: review by 2027-05-23 \(overdue\)/);
    expect((await k.audit.recent()).filter((a) => a.action === 'digest-sent')).toHaveLength(2);
  });
});

describe('reload safety', () => {
  it('a file whose YAML breaks keeps its last good version: the exam-fee question is still answered by exam-fee', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await cp('data/knowledge', dir, { recursive: true });
    const h = await make({ KNOWLEDGE_DIR: dir });
    expect(ephemeral(await h.run('/cert how much does the exam cost', member())).message.title).toBe('Exam fee');
    const path = join(dir, 'exam-fee.md');
    await writeFile(path, (await readFile(path, 'utf8')).replace('phrasings:', 'phrasings: [unclosed'));
    const said = await h.run('/cert reload', leader());
    expect(ephemeral(said).text).toContain(`${path} — (file)`);
    const told = said.find((s) => s.kind === 'dm');
    expect(told?.to).toBe('operator');
    expect(told?.text).toMatch(/last good version stays in service/);
    expect(ephemeral(await h.run('/cert how much does the exam cost', member())).message.title).toBe('Exam fee');
    expect(h.services.knowledge.get('exam-fee')).toBeDefined();
    // The same problem again is not reported twice; fixed, it is forgotten.
    expect((await h.run('/cert reload', leader())).filter((s) => s.kind === 'dm')).toEqual([]);
  });
});
