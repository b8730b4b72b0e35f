// /announce as leadership uses it, through the real registry and a sqlite store, with a moved TestClock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leader, member } from '../helpers/context.js';
import { announceHarness, fakeOutlet } from './setup.js';

type H = Awaited<ReturnType<typeof announceHarness>>;
let h: H;
beforeEach(async () => {
  h = await announceHarness();
  h.clock.set('2026-11-22T15:00:00Z'); // 9:00 AM in Chicago
});
afterEach(() => h.close());

const posts = () => h.said.filter((s) => s.kind === 'post');
const stored = async () => ({
  schedules: await h.services.announce.scheduler.schedules.list(),
  audit: await h.services.announce.audit.recent(100),
});

describe('/announce now', () => {
  it('posts once to every connected platform, with the ping leadership asked for, and logs it', async () => {
    const slack = fakeOutlet(h, 'slack');
    const said = await h.run('/announce now "CEU webinar **Thursday** noon" --ping here');
    expect(said.filter((s) => s.kind === 'post')).toHaveLength(1); // console
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]!.channelId).toBe('C0ANNOUNCE');
    expect(slack.posts[0]!.msg).toMatchObject({ text: 'CEU webinar **Thursday** noon', ping: { kind: 'here' } });
    expect(said.at(-1)!.text).toMatch(/^Posted to console #console, slack #C0ANNOUNCE\./);
    const log = (await h.run('/announce log')).at(-1)!.text;
    expect(log).toMatch(/scheduled \w+ by lead \(console\)/);
    expect(log).toMatch(/posted \w+: occurrence .* posted to console #console, slack #C0ANNOUNCE/);
  });

  it('posts to a named channel after checking that the bot can post there', async () => {
    const slack = fakeOutlet(h, 'slack', { channels: ['C0TRAINING'] });
    await h.run('/announce now "Hi" --to slack --channel slack:C0TRAINING');
    expect(slack.posts.map((p) => p.channelId)).toEqual(['C0TRAINING']);
    expect(posts()).toHaveLength(0);
  });
});

describe('/announce at', () => {
  it('posts once when the time comes, in Illinois time', async () => {
    const said = await h.run('/announce at "2026-12-01 09:00" "Registration closes Friday"');
    expect(said[0]!.text).toContain('Tue, Dec 1, 2026, 9:00 AM CST');
    await h.tick(0);
    expect(posts()).toHaveLength(0);
    h.clock.set('2026-12-01T15:00:00Z'); // 9:00 CST
    await h.tick(0);
    await h.tick(60_000);
    expect(posts().map((p) => p.text)).toEqual(['Registration closes Friday\nFrom NIAPP leadership']);
  });

  it('reads natural forms relative to now in Chicago', async () => {
    for (const [when, expected] of [
      ['tomorrow 9am', 'Mon, Nov 23, 2026, 9:00 AM CST'],
      ['next tuesday 14:00', 'Tue, Nov 24, 2026, 2:00 PM CST'],
      ['in 2 hours', 'Sun, Nov 22, 2026, 11:00 AM CST'],
    ]) {
      const said = await h.run(`/announce at "${when}" "x"`);
      expect(said[0]!.text, when).toContain(`Goes out:\n- ${expected}`);
    }
  });

  it('cancelled before the time → nothing is posted', async () => {
    await h.run('/announce at "in 1 hour" "Maybe"');
    const id = (await stored()).schedules[0]![0];
    const said = await h.run(`/announce cancel ${id}`);
    expect(said[0]!.text).toContain(`Cancelled announcement ${id}`);
    await h.tick(2 * 3_600_000);
    expect(posts()).toHaveLength(0);
    expect((await h.run('/announce list'))[0]!.text).toContain('No announcements are scheduled');
  });

  it('edit moves the time and changes the text; preview shows it as it will be posted', async () => {
    await h.run('/announce at "in 1 hour" "Old text"');
    const id = (await stored()).schedules[0]![0];
    await h.run(`/announce edit ${id} --at "in 3 hours" --text "New text"`);
    const preview = await h.run(`/announce preview ${id}`);
    expect(preview[0]!.text).toBe('New text\nFrom NIAPP leadership');
    expect(preview[1]!.text).toContain('Sun, Nov 22, 2026, 12:00 PM CST');
    await h.tick(2 * 3_600_000);
    expect(posts()).toHaveLength(0);
    await h.tick(3_600_000);
    expect(posts().map((p) => p.message.text)).toEqual(['New text']);
    expect((await h.run(`/announce edit ${id} --text "late"`))[0]!.text).toContain('has already gone out');
    expect((await h.run(`/announce log ${id}`))[0]!.text).toMatch(/scheduled[\s\S]*edited[\s\S]*posted/);
  });
});

describe('/announce every', () => {
  it('shows the next 5 runs in Chicago time and posts on each', async () => {
    const said = await h.run('/announce every "0 9 * * 1" "Weekly check-in"');
    expect(said[0]!.text).toContain(
      ['Next 5 runs (Illinois time):', '- Mon, Nov 23, 2026, 9:00 AM CST', '- Mon, Nov 30, 2026, 9:00 AM CST', '- Mon, Dec 7, 2026, 9:00 AM CST', '- Mon, Dec 14, 2026, 9:00 AM CST', '- Mon, Dec 21, 2026, 9:00 AM CST'].join('\n'),
    );
    for (let i = 0; i < 7 * 24; i++) await h.tick(3_600_000); // 7 days, hour by hour
    expect(posts()).toHaveLength(1);
    const list = (await h.run('/announce list'))[0]!.text;
    expect(list).toContain('Next: Mon, Nov 30, 2026, 9:00 AM CST');
  });
});

describe('bad input: a clear private message, nothing stored', () => {
  const cases: [string, string | RegExp][] = [
    ['/announce at "yesterday 9am" "x"', 'is in the past (it is now Sun, Nov 22, 2026, 9:00 AM CST). Choose a time in the future.'],
    ['/announce at "2026-01-01 09:00" "x"', 'is in the past'],
    ['/announce at "whenever" "x"', 'I could not read "whenever" as a time.'],
    ['/announce every "61 * * * *" "x"', '"61 * * * *" is not a valid schedule (61 is outside 0-59 in the minute field). Use five fields'],
    ['/announce every "0 0 9 * * *" "x"', 'a seconds field is not used'],
    ['/announce every "* * * * *" "x"', 'would post more than 4 times an hour'],
    ['/announce now "x" --channel nope', 'I cannot post in the console channel "nope"'],
    ['/announce now ""', 'The announcement text is empty.'],
    ['/announce now "   "', 'The announcement text is empty.'],
    ['/announce now "x" --to discord', 'Discord is not connected to the bot, so I cannot post there. Connected: the console.'],
    ['/announce now "x" --ping everyone', '--ping takes "here" or "role:<role id>"'],
    [`/announce now "${'a'.repeat(3001)}"`, 'The text is 3,001 characters; the console allows 3,000. Shorten it by 1 characters'],
    ['/announce cancel zzzz', 'There is no scheduled announcement "zzzz".'],
  ];
  it.each(cases.map(([line, message]) => [line.length > 70 ? `${line.slice(0, 40)}… (${line.length} chars)` : line, line, message] as const))('%s', async (_label, line, message) => {
    h.services.outlets.get('console')!.canPost = async (c) => c === 'console';
    const said = await h.run(line);
    expect(said).toHaveLength(1);
    expect(said[0]!.kind).toBe('ephemeral');
    expect(said[0]!.text).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
    expect(said[0]!.text).not.toMatch(/at .*\.ts:\d+/);
    expect(await stored()).toEqual({ schedules: [], audit: [] });
  });

  it('text over the limits is refused: Discord alone allows 4,096; with Slack too, the strictest (3,000) counts, mention included', async () => {
    fakeOutlet(h, 'discord');
    fakeOutlet(h, 'slack');
    let said = await h.run(`/announce now "${'a'.repeat(4100)}" --to discord`);
    expect(said[0]!.text).toContain('The text is 4,100 characters; Discord allows 4,096. Shorten it by 4 characters');
    said = await h.run(`/announce now "${'a'.repeat(3500)}" --to both`);
    expect(said[0]!.text).toContain('The text is 3,500 characters; Slack allows 3,000. Shorten it by 500 characters');
    said = await h.run(`/announce at "in 1 hour" "${'a'.repeat(2990)}" --to both --ping here`);
    expect(said[0]!.text).toContain('Slack allows 3,000 including 30 for the mention. Shorten it by 20 characters');
    expect(await stored()).toEqual({ schedules: [], audit: [] });
  });

  it('a member trying any /announce subcommand is refused, and nothing is stored or posted', async () => {
    for (const line of ['/announce now "hi"', '/announce at "in 1 hour" "hi"', '/announce every "0 9 * * 1" "hi"', '/announce list', '/announce log', '/announce']) {
      const said = await h.run(line, member('alice'));
      expect(said.map((s) => s.text), line).toEqual(['Only NIAPP leadership can do that. If you think you should be able to, ask a leader to add you.']);
    }
    const result = await h.registry.submitForm(h.surface(member('alice')), { command: 'announce', form: 'compose' }, { text: 'sneaky', when: '', to: '' });
    expect(result).toEqual({ ok: true, outcome: 'refused' });
    expect(h.said.at(-1)!.text).toContain('Only NIAPP leadership');
    expect(posts()).toHaveLength(0);
    expect(await stored()).toEqual({ schedules: [], audit: [] });
  });
});

describe('the compose form', () => {
  it('with no arguments, opens the form; where forms are impossible (console) shows the usage', async () => {
    const said = await h.run('/announce');
    expect(said[0]).toMatchObject({ kind: 'form', text: 'New announcement' });
    expect(said[1]!.text).toContain('/announce now text…');
  });

  it('a submitted form schedules (or posts) like the commands; bad fields come back per field', async () => {
    const bad = await h.registry.submitForm(h.surface(leader()), { command: 'announce', form: 'compose' }, { text: '', when: '', to: 'everywhere' });
    expect(bad).toEqual({ ok: false, errors: { text: 'This field is required.', to: expect.stringContaining('slack') } });
    await h.registry.submitForm(h.surface(leader()), { command: 'announce', form: 'compose' }, { text: 'From the form', when: 'tomorrow 9am', to: '' });
    expect(h.said.at(-1)!.text).toContain('Mon, Nov 23, 2026, 9:00 AM CST');
    await h.registry.submitForm(h.surface(leader()), { command: 'announce', form: 'compose' }, { text: 'Now from the form', when: '', to: '' });
    expect(posts().map((p) => p.message.text)).toEqual(['Now from the form']);
  });
});
