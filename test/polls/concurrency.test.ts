// Concurrency over a real sqlite file: 10,000 distinct members voting with 200 clicks in flight through the
// registry → the tally equals the votes sent, exactly; one member clicking 20 times at once → one vote.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from '../../bench/harness.js';
import { type Harness, member } from '../helpers/context.js';
import { pollHarness, postedPoll } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'niapp-burst-'));
let h: Harness;
beforeAll(async () => {
  h = await pollHarness({ BOT_DB: `sqlite://${join(dir, 'bot.sqlite')}` });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('vote bursts', () => {
  it('counts 10,000 members with 200 clicks in flight exactly, and the posted tally ends exact', async () => {
    const { id, message, ref } = postedPoll(await h.run('/poll "Burst?" "A" "B" "C"'));
    const buttons = message.buttons!;
    await load(10_000, 200, (i) => h.registry.runAction(h.surface(member(`U2${String(i).padStart(8, '0')}`, 'slack'), ref), buttons[i % 3]!.action));
    const t = await h.services.polls.tally(id);
    expect(t.voters).toBe(10_000);
    expect(t.counts).toEqual([3334, 3333, 3333]);
    expect(h.said.filter((s) => s.kind === 'ephemeral' && s.text.startsWith('Your vote is recorded'))).toHaveLength(10_000);
    // Live edits were coalesced; closing shows the exact final tally on the poll message.
    const edits = h.said.filter((s) => s.kind === 'update' && s.to === ref.messageId).length;
    expect(edits).toBeLessThan(100);
    await h.run(`/poll close ${id}`);
    const final = h.said.filter((s) => s.kind === 'update' && s.to === ref.messageId).at(-1)!;
    expect(final.text).toContain('10000 voters');
    expect(final.text).toContain('1. A\n███░░░░░░░ 33% (3334)');
  }, 60_000);

  it('records one vote for one member clicking 20 times at once (single choice and multi-choice)', async () => {
    const single = postedPoll(await h.run('/poll "Single?" "A" "B" "C"'));
    const alice = member('U0ALICE', 'slack');
    await Promise.all(Array.from({ length: 20 }, (_, i) => h.registry.runAction(h.surface(alice, single.ref), single.message.buttons![i % 3]!.action)));
    const t = await h.services.polls.tally(single.id);
    expect(t.voters).toBe(1);
    expect(t.counts.reduce((a, b) => a + b, 0)).toBe(1);

    // Multi-choice: 20 simultaneous toggles of one option apply one after another: an even count leaves it off.
    const multi = postedPoll(await h.run('/poll "Multi?" "A" "B" "C" --multi'));
    await Promise.all(Array.from({ length: 20 }, () => h.registry.runAction(h.surface(alice, multi.ref), multi.message.buttons![0]!.action)));
    expect(await h.services.polls.tally(multi.id)).toMatchObject({ voters: 0, counts: [0, 0, 0] });
    await Promise.all(Array.from({ length: 21 }, () => h.registry.runAction(h.surface(alice, multi.ref), multi.message.buttons![1]!.action)));
    expect(await h.services.polls.tally(multi.id)).toMatchObject({ voters: 1, counts: [0, 1, 0] });
  });
});
