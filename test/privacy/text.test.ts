// Member text that cannot deceive, checked in the payloads the real discord.js and Bolt send to the stand-ins:
// no masked link, no faked bot line, no hidden or direction-changing characters, no duplicate-looking options,
// no half emoji at a limit. Plus the grapheme-safe clip that every renderer uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import poll from '../../commands/poll.js';
import { clip, memberLine, memberText } from '../../src/core/text.js';
import { type DiscordBot, startDiscordBot } from '../standins/discord-bot.js';
import { LEADER } from '../standins/slack-payloads.js';
import { type SlackStandIn, blockText, startSlackStandIn, until } from '../standins/slack.js';
import { type SlackBot, startSlackBot } from '../standins/slack-bot.js';

const EMOJI_OPTION = `${'a'.repeat(78)}😀`; // 80 UTF-16 units: the longest option, ending in a surrogate pair
const QUESTION = 'Vote here: [click here](https://evil.example/login)\n**Final results:** Yes 100% \u202Eesrever';
/** JSON.stringify writes a lone surrogate as a \udXXX escape (a whole pair stays raw). */
const halfEmoji = (x: unknown): boolean => /\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(x));
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('clip', () => {
  it('never cuts inside an emoji, a flag, a family or a combined character, at any limit', () => {
    const texts = ['👩‍👩‍👧‍👦 family', 'flags 🇺🇸🇲🇽🇨🇦', 'é combined e\u0301 n\u0303o', `${'x'.repeat(9)}😀😀😀`, 'a &amp; b &lt; c'];
    for (const s of texts) {
      for (let max = 1; max <= s.length + 1; max++) {
        const c = clip(s, max);
        expect(c.length).toBeLessThanOrEqual(max);
        expect(LONE_SURROGATE.test(c), `${JSON.stringify(c)} at ${max}`).toBe(false);
        const kept = c.endsWith('…') && c !== s ? c.slice(0, -1) : c;
        // Whatever is kept is a prefix of whole graphemes: the next grapheme starts exactly where the cut is.
        const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((g) => g.index);
        expect(graphemes.concat(s.length), `${JSON.stringify(c)} at ${max}`).toContain(kept.length);
        expect(kept).not.toMatch(/&[a-z]*$/);
      }
    }
  });
});

describe('member text', () => {
  it('shows a link as its target, removes hidden and bidi characters, and keeps questions on one line', () => {
    expect(memberLine('[click here](https://evil.example/login)')).toBe('click here (https://evil.example/login)');
    expect(memberLine('[https://good.example](https://evil.example)')).toBe('https://good.example (https://evil.example)');
    expect(memberLine('Ye\u200Bs\u202E')).toBe('Yes');
    expect(memberLine('ＦＵＬＬ width')).toBe('FULL width');
    expect(memberLine('a\nb\r\nc\u2028d')).toBe('a b c d');
    expect(memberText('nurse 👩‍⚕️ stays')).toBe('nurse 👩‍⚕️ stays');
    expect(memberText('two\nlines')).toBe('two\nlines');
  });

  it('removes terminal escapes and other control characters (a title that would set the title bar or clear the screen)', () => {
    expect(memberLine('Q\x1b]0;pwned\x07 title\x1b[2J')).toBe('Q]0;pwned title[2J');
    expect(memberLine('Op\x1b[31mred')).toBe('Op[31mred');
    expect(memberLine('B\x7f\x08\x08x\u009b')).toBe('Bx');
    expect(memberText('tab\tand\nline')).toBe('tab and\nline');
  });
});

describe('through the real Discord client', () => {
  let bot: DiscordBot;
  beforeAll(async () => {
    bot = await startDiscordBot([poll], { adapter: { autoDeferMs: 100 } });
    bot.h.services.outlets.remove('console');
  });
  afterAll(() => bot?.close());
  const sub = (name: string, options: { name: string; type: number; value: unknown }[] = []) => [{ name, type: 1, options }];
  const str = (name: string, value: string) => ({ name, type: 3, value });

  it('posts no masked link, no faked line, no RTL override and no half emoji', async () => {
    bot.stand.slash('poll', sub('create', [str('question', QUESTION), str('option1', EMOJI_OPTION), str('option2', 'No')]), { id: '1200000000000000777', name: 'Alice' });
    // The poll message, whether it came as the answer or as the edit of a deferred answer (a busy machine).
    const calls = [await bot.stand.waitFor((c) => /interactions|webhooks/.test(c.path) && JSON.stringify(c.body ?? '').includes('evil.example'))];
    const posted = JSON.stringify(calls.map((c) => c.body));
    expect(posted).toContain('Member poll');
    expect(posted).toContain('click here (https://evil.example/login)');
    expect(posted).not.toContain('](https://evil.example');
    expect(posted).not.toMatch(/\\n\*\*Final results/);
    expect(posted).not.toContain('\\u202e');
    expect(halfEmoji(calls.map((c) => c.body))).toBe(false);
  });

  it('refuses "Yes" and "Ye\\u200Bs" as two options, privately', async () => {
    bot.stand.slash('poll', sub('create', [str('question', 'Which?'), str('option1', 'Yes'), str('option2', 'Ye\u200Bs')]), { id: '1200000000000000777', name: 'Alice' });
    const refusal = await bot.stand.waitFor((c) => JSON.stringify(c.body ?? '').includes('read the same'));
    expect(JSON.stringify(refusal.body)).toContain('(hidden characters and letter case do not count)');
    expect(JSON.stringify(bot.stand.calls.map((c) => c.body))).not.toContain('Which?');
  });
});

describe('through the real Slack receiver', () => {
  let slack: SlackStandIn;
  let bot: SlackBot;
  beforeAll(async () => {
    slack = await startSlackStandIn();
    bot = await startSlackBot(slack, { commands: [poll] });
  });
  afterAll(async () => {
    await bot?.close();
    await slack?.close();
  });

  it('posts the link as text, one line, no half emoji (the WebClient would throw "URI malformed")', async () => {
    await slack.command({ command: '/poll', text: `"${QUESTION.replace(/\n/g, '\\n')}" "${EMOJI_OPTION}" "No"`, user: LEADER });
    await until(() => slack.posted.length === 1, 5000, 'the poll');
    const posted = JSON.stringify(slack.posted[0]);
    expect(blockText(slack.posted[0]!.blocks)).toContain('click here (https://evil.example/login)');
    expect(posted).not.toContain('|click here>');
    expect(posted).not.toContain('\\u202e');
    expect(halfEmoji(slack.posted[0])).toBe(false);
  });
});
