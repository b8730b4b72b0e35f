// `/niapp dashboard` in chat: a private one-time link for leadership, a polite refusal for members, and a clear
// word when the dashboard is off.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { Sessions } from '../../src/web/sessions.js';
import { harness, leader, member } from '../helpers/context.js';

describe('/niapp dashboard', () => {
  it('gives a leader a private link that opens a session once; a member a polite refusal', async () => {
    const h = await harness(commands);
    const sessions = new Sessions(h.services.store, h.clock);
    h.services.dashboard = { signInLink: async (a) => `https://bot.example.org/signin/${await sessions.issueLink(a)}` };
    const said = await h.run('/niapp dashboard', leader('lead', 'slack'));
    expect(said.map((s) => s.kind)).toEqual(['ephemeral']);
    const token = /signin\/([\w-]{43})/.exec(said[0]!.text)![1]!;
    expect(await sessions.peek(token)).toEqual({ platform: 'slack', id: 'lead', name: 'lead' });
    expect(await sessions.redeem(token)).toBeDefined();
    expect(await sessions.redeem(token)).toBeUndefined();

    const refused = await h.run('/niapp dashboard', member('alice'));
    expect(refused.map((s) => s.kind)).toEqual(['ephemeral']);
    expect(refused[0]!.text).toContain('Only NIAPP leadership');
    expect(refused[0]!.text).not.toContain('signin');
    await h.close();
  });

  it('says how to turn the dashboard on when it is off', async () => {
    const h = await harness(commands);
    const said = await h.run('/niapp dashboard', leader());
    expect(said[0]!.text).toContain('DASHBOARD_PORT');
    await h.close();
  });
});
