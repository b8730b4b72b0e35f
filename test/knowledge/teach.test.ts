// Leadership teaches the bot from chat: /cert teach and the one-tap buttons of /cert unanswered, through the real
// registry; what an attacker or a mistake would try (a member teaching, an unknown entry, crisis text); the audit;
// and two replicas on one Redis store, where a phrasing taught on one is answered by the other at once.
import { createClient } from '@keyv/redis';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type Harness, harness, leader, member } from '../helpers/context.js';

const hs: Harness[] = [];
afterEach(async () => {
  for (const h of hs.splice(0)) await h.close();
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

const UNTAUGHT = 'is the crss honored across the border';

describe('/cert teach', () => {
  it('attaches a member phrasing to an entry at once, audited with who and when', async () => {
    const h = await make();
    expect(ephemeral(await h.run(`/cert ${UNTAUGHT}`, member())).message.title).toBe('Not sure');
    const done = ephemeral(await h.run(`/cert teach "${UNTAUGHT}" reciprocity`, leader('lee')));
    expect(done.text).toMatch(/Moving states: reciprocity/);
    expect(ephemeral(await h.run(`/cert ${UNTAUGHT}`, member())).message.title).toBe('Moving states: reciprocity');
    // The same words in another order, other case and with chatter still match (the key is the canonical terms).
    expect(ephemeral(await h.run('/cert hi! quick question: across the border, is the CRSS honored?', member())).message.title).toBe('Moving states: reciprocity');
    const audit = await h.services.knowledge.audit.recent();
    expect(audit).toEqual([expect.objectContaining({ action: 'taught', entryId: 'reciprocity', actor: { id: 'lee', name: 'lee', platform: 'console' }, summary: `"${UNTAUGHT}" → reciprocity` })]);
    expect(audit[0]!.at).toBe(h.clock.now().toISOString());
  });

  it('refuses members, unknown entries and crisis text with a clear private message, storing nothing', async () => {
    const h = await make();
    expect(ephemeral(await h.run(`/cert teach "${UNTAUGHT}" reciprocity`, member('mallory'))).text).toMatch(/Only NIAPP leadership/);
    expect(ephemeral(await h.run(`/cert teach "${UNTAUGHT}" no-such-entry`, leader())).text).toMatch(/There is no entry no-such-entry\..*\/cert topics/);
    // Crisis text: the registry's net answers first (988) and the words are not kept, so nothing is taught.
    const crisis = (await h.run('/cert teach "i want to kill myself" renewal', leader())).filter((s) => s.kind === 'ephemeral');
    expect(crisis[0]!.text).toContain('988');
    expect(crisis.at(-1)!.text).toMatch(/Nothing you wrote here was saved/);
    expect(ephemeral(await h.run('/cert teach "the of and" renewal', leader())).text).toMatch(/no words I can match/);
    expect(ephemeral(await h.run('/cert teach', leader())).text).toMatch(/Usage: \/cert teach/);
    expect(await h.services.store.scan('cert-taught', '')).toEqual([]);
    expect(ephemeral(await h.run(`/cert ${UNTAUGHT}`, member())).message.title).toBe('Not sure');
  });

  it('/cert unanswered offers one-tap teach buttons that carry no question text', async () => {
    const h = await make();
    await h.run('/cert where do members park for the exam site', member('a'));
    await h.run('/cert where do members park for the exam site?', member('b'));
    const list = ephemeral(await h.run('/cert unanswered', leader()));
    expect(list.text).toContain('2× where do members park for the exam site');
    const buttons = list.message.buttons!;
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) {
      expect(b.action).toMatchObject({ command: 'cert', action: 'teach' });
      expect(b.action.value).toMatch(/^[0-9a-f]{10}\.[a-z0-9-]+$/);
      expect(b.action.value).not.toMatch(/park/);
    }
    const target = buttons.find((b) => b.action.value!.endsWith('.crss-exam')) ?? buttons[0]!;
    const entryId = target.action.value!.split('.')[1]!;
    // A member who somehow gets the button is refused on the server.
    const before = h.said.length;
    await h.registry.runAction(h.surface(member('mallory')), target.action);
    expect(h.said.slice(before).map((s) => s.text).join('\n')).toMatch(/Only NIAPP leadership/);
    expect(await h.services.store.scan('cert-taught', '')).toEqual([]);

    await h.registry.runAction(h.surface(leader()), target.action);
    expect(h.said.at(-1)!.text).toMatch(/^TAUGHT\n.*where do members park for the exam site.* now gets/);
    const answer = ephemeral(await h.run('/cert where do members park for the exam site', member()));
    expect(answer.message.title).toBe(h.services.knowledge.get(entryId)!.title);
    // Taught questions leave the list; the dashboard API gives the same groups with suggestions.
    expect(ephemeral(await h.run('/cert unanswered', leader())).text).toMatch(/No unanswered questions/);
    expect(await h.services.knowledge.unansweredGroups(new Date(0))).toEqual([]);
  });
});

const REDIS = `${(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '')}/9`;

async function clearMine(): Promise<boolean> {
  try {
    const client = createClient({ url: REDIS });
    await client.connect();
    const keys = await client.keys('cert-*');
    if (keys.length) await client.del(keys);
    await client.quit();
    return true;
  } catch (err) {
    if (process.env.STORE_TESTS_REQUIRED === '1') throw err;
    console.warn(`skipping: no Redis at ${REDIS}`);
    return false;
  }
}

describe('taught phrasings on a shared store', () => {
  it('a phrasing taught on one replica is answered by the other at once', async () => {
    if (!(await clearMine())) return;
    const [a, b] = [await make({ BOT_DB: REDIS }), await make({ BOT_DB: REDIS })];
    expect(ephemeral(await b.run(`/cert ${UNTAUGHT}`, member())).message.title).toBe('Not sure');
    await a.run(`/cert teach "${UNTAUGHT}" reciprocity`, leader());
    expect(ephemeral(await b.run(`/cert ${UNTAUGHT}`, member())).message.title).toBe('Moving states: reciprocity');
    // Re-taught elsewhere: the last teach wins on both.
    await b.run(`/cert teach "${UNTAUGHT}" crss-overview`, leader());
    for (const h of [a, b]) expect(ephemeral(await h.run(`/cert ${UNTAUGHT}`, member())).message.title).toMatch(/^CRSS: what it is/);
  });
});
