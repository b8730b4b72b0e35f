// Account linking: a one-time code shown on one platform, entered on the other; the person then votes once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import niapp from '../../commands/niapp.js';
import poll from '../../commands/poll.js';
import { type Harness, harness, leader, member } from '../helpers/context.js';
import { postedPoll, press, privately } from '../polls/helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await harness([niapp, poll]);
});
afterEach(async () => {
  await h.close();
});

const onSlack = member('U07MARIA', 'slack');
const onDiscord = member('333333333333333333', 'discord');
const codeIn = (text: string) => /\/niapp link ([A-Z0-9]{8})/.exec(text)![1]!;

describe('/niapp link', () => {
  it('joins two accounts with a one-time code; the person then has one vote across both', async () => {
    const { id, message, ref } = postedPoll(await h.run('/poll "Q?" "A" "B"', leader()));
    await press(h, onSlack, message, 'A', ref); // voted before linking
    const code = codeIn(privately(await h.run('/niapp link', onSlack), 'U07MARIA'));
    const linked = await h.run(`/niapp link ${code.toLowerCase()}`, onDiscord);
    expect(privately(linked, onDiscord.id)).toContain('Linked: 2 accounts now count as one member in polls');

    expect(privately(await press(h, onDiscord, message, 'B', ref), onDiscord.id)).toContain('Your vote is recorded: B');
    expect(await h.services.polls.tally(id)).toMatchObject({ voters: 1, counts: [0, 1] });
    await press(h, onSlack, message, 'A', ref);
    expect(await h.services.polls.tally(id)).toMatchObject({ voters: 1, counts: [1, 0] });
    expect((await h.run(`/poll results ${id}`, onDiscord))[0]!.text).toContain('Your vote: A');
  });

  it('refuses a used, unknown, or same-platform code, linking nothing', async () => {
    const code = codeIn(privately(await h.run('/niapp link', onSlack), 'U07MARIA'));
    expect((await h.run(`/niapp link ${code}`, member('U07OTHER', 'slack')))[0]!.text).toContain('Enter it on your account on the other platform');
    expect((await h.run('/niapp link ZZZZZZZZ', onDiscord))[0]!.text).toContain('not valid or has expired');
    await h.run(`/niapp link ${code}`, onDiscord);
    expect((await h.run(`/niapp link ${code}`, member('444444444444444444', 'discord')))[0]!.text).toMatch(/already used|not valid/);
    expect((await h.services.identity.personOf({ platform: 'discord', id: '444444444444444444' })).accounts).toHaveLength(1);
  });

  it('lets only one of two simultaneous redeemers use a code', async () => {
    const code = codeIn(privately(await h.run('/niapp link', onSlack), 'U07MARIA'));
    const a = member('555555555555555555', 'discord');
    const b = member('666666666666666666', 'discord');
    await Promise.all([h.run(`/niapp link ${code}`, a), h.run(`/niapp link ${code}`, b)]);
    const linked = await Promise.all([a, b].map(async (x) => (await h.services.identity.personOf(x)).accounts.length));
    expect(linked.sort()).toEqual([1, 2]);
  });

  it('expires codes after 10 minutes', async () => {
    const code = codeIn(privately(await h.run('/niapp link', onSlack), 'U07MARIA'));
    h.clock.advance(11 * 60_000);
    expect((await h.run(`/niapp link ${code}`, onDiscord))[0]!.text).toContain('not valid or has expired');
    expect((await h.services.identity.personOf(onDiscord)).accounts).toHaveLength(1);
  });
});
