// Neutral messages → Discord JSON, against exact expected JSON and Discord's limits.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { unpackAction, unpackForm } from '../../src/adapters/discord/ids.js';
import { type DiscordBody, LIMITS, RenderError, renderMessage, renderModal } from '../../src/adapters/discord/render.js';

/** Every limit Discord enforces on a message body. */
function expectWithinLimits(body: DiscordBody): void {
  expect(body.content.length).toBeLessThanOrEqual(LIMITS.content);
  expect(body.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  let total = 0;
  for (const e of body.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedsTotal);
  expect(body.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  const ids = body.components.flatMap((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  for (const row of body.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
}

describe('renderMessage', () => {
  it('puts plain text in content, with no pings allowed', () => {
    const r = renderMessage({ text: 'Hello **there** @everyone <@&123456789>' });
    expect(r).toEqual({ body: { content: 'Hello **there** @everyone <@&123456789>', embeds: [], components: [], allowed_mentions: { parse: [] } }, files: [] });
  });

  it('renders a rich message as one embed', () => {
    const msg: Message = {
      title: 'CRSS exam',
      text: 'The fee is **$125**. See [ICB](https://www.iaodapca.org).',
      fields: [{ name: 'Source', value: 'IC&RC', inline: true }, { name: 'Checked', value: '' }],
      footer: 'Last checked 2026-11-01',
      tone: 'info',
    };
    expect(renderMessage(msg).body).toEqual({
      content: '',
      embeds: [
        {
          title: 'CRSS exam',
          description: 'The fee is **$125**. See [ICB](https://www.iaodapca.org).',
          fields: [{ name: 'Source', value: 'IC&RC', inline: true }, { name: 'Checked', value: '\u200b' }],
          footer: { text: 'Last checked 2026-11-01' },
          color: 0x3b82f6,
        },
      ],
      components: [],
      allowed_mentions: { parse: [] },
    });
  });

  it('renders buttons in rows of five and a select in its own row, with packed ids', () => {
    const buttons = Array.from({ length: 6 }, (_, n) => ({ label: `B${n}`, action: { command: 'poll', action: 'vote', value: `p1:${n}` } }));
    const body = renderMessage({
      text: 'Vote',
      buttons: [...buttons.slice(0, 5), { ...buttons[5]!, style: 'danger' as const }],
      select: { placeholder: 'Pick', action: { command: 'poll', action: 'pick', value: 'p1' }, options: [{ label: 'A', value: 'a', description: 'first' }, { label: 'B', value: 'b' }], max: 2 },
    }).body;
    expect(body.components).toEqual([
      { type: 1, components: buttons.slice(0, 5).map((b, n) => ({ type: 2, style: 2, label: b.label, custom_id: `a|poll|vote|p1:${n}` })) },
      { type: 1, components: [{ type: 2, style: 4, label: 'B5', custom_id: 'a|poll|vote|p1:5' }] },
      {
        type: 1,
        components: [{ type: 3, custom_id: 'a|poll|pick|p1', placeholder: 'Pick', min_values: 1, max_values: 2, options: [{ label: 'A', value: 'a', description: 'first' }, { label: 'B', value: 'b' }] }],
      },
    ]);
    expectWithinLimits(body);
    expect(unpackAction('a|poll|vote|p1:5')).toEqual({ command: 'poll', action: 'vote', value: 'p1:5' });
  });

  it('keeps custom_ids unique when a message repeats an action, and unpacks both', () => {
    const same = { command: 'event', action: 'rsvp', value: 'e1' };
    const body = renderMessage({ text: 'x', buttons: [{ label: 'Going', action: same }, { label: 'Also going', action: same }] }).body;
    const ids = body.components[0]!.components.map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(ids).toEqual(['a|event|rsvp|e1', 'a2|event|rsvp|e1']);
    expect(ids.map(unpackAction)).toEqual([same, same]);
  });

  it('pings @here only when asked, and then defuses @everyone in the text', () => {
    const r = renderMessage({ title: 'Webinar', text: 'Starts now @everyone', ping: { kind: 'here' } });
    expect(r.body.content).toBe('@here');
    expect(r.body.allowed_mentions).toEqual({ parse: ['everyone'] });
    expect(r.body.embeds[0]!.description).toBe('Starts now @\u200beveryone');
  });

  it('pings exactly one role when asked', () => {
    const r = renderMessage({ text: 'Training Saturday', ping: { kind: 'role', role: '1000000000000000500' } });
    expect(r.body.content).toBe('<@&1000000000000000500>\nTraining Saturday');
    expect(r.body.allowed_mentions).toEqual({ parse: [], roles: ['1000000000000000500'] });
    expect(() => renderMessage({ text: 'x', ping: { kind: 'role', role: '@everyone' } })).toThrow(RenderError);
  });

  it('clips over-long text and spreads many fields over embeds within the 6,000 budget', () => {
    const long = renderMessage({ title: 'T'.repeat(300), text: 'x'.repeat(5000), footer: 'f'.repeat(3000) }).body;
    expect(long.embeds[0]!.title).toHaveLength(LIMITS.embedTitle);
    expect(long.embeds[0]!.title!.endsWith('…')).toBe(true);
    expect(long.embeds[0]!.description!.endsWith('…')).toBe(true);
    expectWithinLimits(long);
    const longText = renderMessage({ title: 'T', text: 'x'.repeat(5000) }).body;
    expect(longText.embeds[0]!.description).toHaveLength(LIMITS.embedDescription);

    const many = renderMessage({ title: 'Commands', fields: Array.from({ length: 30 }, (_, n) => ({ name: `/c${n}`, value: 'short' })) }).body;
    expect(many.embeds).toHaveLength(2);
    expect(many.embeds[0]!.fields).toHaveLength(25);
    expect(many.embeds[1]!.fields).toHaveLength(5);
    expectWithinLimits(many);

    const huge = renderMessage({ title: 'Big', fields: Array.from({ length: 20 }, (_, n) => ({ name: `F${n}`, value: 'v'.repeat(1000) })) }).body;
    expect(huge.embeds[0]!.fields!.length).toBeLessThan(20);
    expect(huge.embeds.at(-1)!.footer!.text).toMatch(/more not shown/);
    expectWithinLimits(huge);
  });

  it('moves text too long for content into an embed', () => {
    const body = renderMessage({ text: 'y'.repeat(3000) }).body;
    expect(body.content).toBe('');
    expect(body.embeds[0]!.description).toHaveLength(3000);
  });

  it('refuses what cannot be clipped: too many buttons, too many options, too long ids, empty messages', () => {
    const btn = (n: number) => ({ label: `${n}`, action: { command: 'poll', action: 'vote', value: `${n}` } });
    expect(() => renderMessage({ text: 'x', buttons: Array.from({ length: 26 }, (_, n) => btn(n)) })).toThrow(/rows/);
    expect(() => renderMessage({ text: 'x', buttons: Array.from({ length: 21 }, (_, n) => btn(n)), select: { placeholder: 'p', action: { command: 'a', action: 'b' }, options: [{ label: 'a', value: 'a' }] } })).toThrow(RenderError);
    const options = Array.from({ length: 26 }, (_, n) => ({ label: `${n}`, value: `${n}` }));
    expect(() => renderMessage({ text: 'x', select: { placeholder: 'p', action: { command: 'a', action: 'b' }, options } })).toThrow(/26 options/);
    expect(() => renderMessage({ text: 'x', buttons: [{ label: 'x', action: { command: 'poll', action: 'vote', value: 'v'.repeat(90) } }] })).toThrow(/custom_id would be 102/);
    expect(() => renderMessage({})).toThrow(/empty/);
  });

  it('carries attachments as files', () => {
    const r = renderMessage({ text: 'Export', attachments: [{ filename: 'poll.csv', contentType: 'text/csv', content: 'a,b\n' }] });
    expect(r.files).toEqual([{ name: 'poll.csv', contentType: 'text/csv', data: Buffer.from('a,b\n') }]);
  });
});

describe('renderModal', () => {
  it('renders a form as a modal with text inputs', () => {
    const modal = renderModal({
      command: 'announce',
      form: 'compose',
      state: 's1',
      title: 'Write an announcement for the whole alliance',
      fields: [
        { id: 'text', label: 'Announcement', style: 'paragraph', placeholder: 'What members should know', maxLength: 3000 },
        { id: 'when', label: 'When', required: false, value: 'now' },
      ],
    });
    expect(modal).toEqual({
      custom_id: 'f|announce|compose|s1',
      title: 'Write an announcement for the whole alliance',
      components: [
        { type: 1, components: [{ type: 4, custom_id: 'text', label: 'Announcement', style: 2, required: true, max_length: 3000, placeholder: 'What members should know' }] },
        { type: 1, components: [{ type: 4, custom_id: 'when', label: 'When', style: 1, required: false, max_length: 4000, value: 'now' }] },
      ],
    });
    expect(modal.title.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    expect(unpackForm(modal.custom_id)).toEqual({ command: 'announce', form: 'compose', state: 's1' });
  });

  it('refuses more than five fields', () => {
    const fields = Array.from({ length: 6 }, (_, n) => ({ id: `f${n}`, label: `F${n}` }));
    expect(() => renderModal({ command: 'a', form: 'b', title: 't', fields })).toThrow(/1 to 5/);
  });
});
