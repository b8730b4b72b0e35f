// Closing at the deadline, also after a restart: deadlines are read back from the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leader, member } from '../helpers/context.js';
import { pollHarness, postedPoll, press } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'niapp-closer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('auto-close', () => {
  it('closes at the deadline and posts the final results where the poll ran', async () => {
    const h = await pollHarness();
    await h.lifecycles.find((l) => l === h.services.polls)!.start();
    const { id, message, ref } = postedPoll(await h.run('/poll "Q?" "A" "B" --closes 2h', leader()));
    await press(h, member('alice'), message, 'B', ref);
    h.clock.advance(2 * 3_600_000 - 1000);
    await h.services.polls.closer.tick();
    expect((await h.services.polls.get(id)).closedAt).toBeUndefined();
    h.clock.advance(1000);
    await h.services.polls.closer.tick();
    expect((await h.services.polls.get(id)).closedAt).toBe('2026-11-22T17:00:00.000Z');
    const final = h.said.filter((s) => s.kind === 'post').at(-1)!;
    expect(final.text).toContain('POLL CLOSED — FINAL RESULTS');
    expect(final.text).toContain('1 voter');
    await h.close();
  });

  it('is re-armed after a restart, and closes a poll whose deadline passed while the bot was down', async () => {
    const db = `sqlite://${join(dir, 'bot.sqlite')}`;
    const first = await pollHarness({ BOT_DB: db });
    const due = postedPoll(await first.run('/poll "Due while down?" "A" "B" --closes 1h', leader())).id;
    const later = postedPoll(await first.run('/poll "Later?" "A" "B" --closes 3d', leader())).id;
    await first.close();

    const second = await pollHarness({ BOT_DB: db });
    second.clock.advance(2 * 3_600_000); // two hours later
    await second.services.polls.start();
    expect((await second.services.polls.get(due)).closedAt).toBeDefined();
    expect((await second.services.polls.get(later)).closedAt).toBeUndefined();
    expect(second.said.filter((s) => s.kind === 'post').map((s) => s.message.title)).toEqual(['Poll closed — final results']);
    second.clock.advance(3 * 86_400_000);
    await second.services.polls.closer.tick();
    expect((await second.services.polls.get(later)).closedAt).toBeDefined();
    await second.close();
  });
});

describe('auto-close racing a manual close', () => {
  it('posts the results once and stops watching the deadline (no retry loop)', async () => {
    const h = await pollHarness();
    const { id } = postedPoll(await h.run('/poll "Q?" "A" "B" --closes 1h', leader()));
    await h.run(`/poll close ${id}`);
    // The race's outcome: the deadline fires for a poll that a leader closed a moment earlier.
    h.services.polls.closer.watch(id, '2026-11-22T15:30:00.000Z');
    h.clock.advance(2 * 3_600_000);
    await h.services.polls.closer.tick();
    expect(h.services.polls.closer.pending()).toBe(0);
    expect(h.said.filter((s) => s.kind === 'post' && s.message.title === 'Poll closed — final results')).toHaveLength(1);
    await h.close();
  });
});
