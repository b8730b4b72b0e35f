// Block Kit rendering: exact JSON for each message kind, escaping, and the limits.
import { describe, expect, it } from 'vitest';
import { fallbackOf, formValues, renderForm, renderMessage, toMrkdwn } from '../../src/adapters/slack/render.js';
import { unpackAction, unpackForm } from '../../src/adapters/slack/ids.js';
import * as L from '../../src/adapters/slack/limits.js';
import type { Block } from '../../src/adapters/slack/render.js';

const pt = (text: string) => ({ type: 'plain_text', text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn', text });

/** Checks the documented limits on any rendered message. */
function expectWithinLimits(blocks: Block[]) {
  expect(blocks.length).toBeLessThanOrEqual(L.MAX_BLOCKS);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(L.MAX_TOTAL_BLOCK_TEXT + 2000); // JSON overhead included
  for (const b of blocks) {
    const text = (b.text as { text?: string } | undefined)?.text;
    if (b.type === 'section' && text) expect(text.length).toBeLessThanOrEqual(L.MAX_SECTION_TEXT);
    if (b.type === 'header') expect(text!.length).toBeLessThanOrEqual(L.MAX_HEADER_TEXT);
    for (const f of (b.fields as { text: string }[] | undefined) ?? []) expect(f.text.length).toBeLessThanOrEqual(L.MAX_FIELD_TEXT);
  }
}

describe('Slack rendering', () => {
  it('renders text with the markdown subset, escaped first', () => {
    expect(renderMessage({ text: '**Fee**: $125 & up — see [IC&RC](https://internationalcredentialing.org)\n- one\n- _two_ `x`' })).toEqual({
      text: '*Fee*: $125 &amp; up — see <https://internationalcredentialing.org|IC&amp;RC>\n• one\n• _two_ `x`',
      blocks: [{ type: 'section', text: md('*Fee*: $125 &amp; up — see <https://internationalcredentialing.org|IC&amp;RC>\n• one\n• _two_ `x`') }],
    });
  });

  it('escapes what would ping or forge a link', () => {
    expect(toMrkdwn('<!channel> <@U123> <https://evil|niapp.org> @here')).toBe('&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|niapp.org&gt; @here');
  });

  it('renders title, tone, fields and footer', () => {
    const out = renderMessage({
      title: 'Poll results',
      text: 'Closed.',
      tone: 'success',
      fields: [
        { name: 'Yes', value: '12', inline: true },
        { name: 'No', value: '3', inline: true },
        { name: 'Note <b>', value: 'Sent to **IDHS**' },
      ],
      footer: 'Anonymous poll',
    });
    expect(out.blocks).toEqual([
      { type: 'header', text: pt('Poll results') },
      { type: 'section', text: md(':white_check_mark: Closed.') },
      { type: 'section', fields: [md('*Yes*\n12'), md('*No*\n3')] },
      { type: 'section', text: md('*Note &lt;b&gt;*\nSent to *IDHS*') },
      { type: 'context', elements: [md('Anonymous poll')] },
    ]);
    expect(out.text).toBe('*Poll results*\nClosed.\nYes: 12\nNo: 3\nNote &lt;b&gt;: Sent to *IDHS*\nAnonymous poll');
  });

  it('renders buttons with packed action ids that route back', () => {
    const out = renderMessage({
      text: 'Lunch?',
      buttons: [
        { label: 'Yes', action: { command: 'poll', action: 'vote', value: 'p1:0' }, style: 'primary' },
        { label: 'No', action: { command: 'poll', action: 'vote', value: 'p1:1' }, style: 'secondary' },
        { label: 'Close', action: { command: 'poll', action: 'close' }, style: 'danger' },
      ],
    });
    expect(out.blocks[1]).toEqual({
      type: 'actions',
      elements: [
        { type: 'button', text: pt('Yes'), action_id: 'poll:vote:0', value: 'p1:0', style: 'primary' },
        { type: 'button', text: pt('No'), action_id: 'poll:vote:1', value: 'p1:1' },
        { type: 'button', text: pt('Close'), action_id: 'poll:close:2', style: 'danger' },
      ],
    });
    expect(out.text).toBe('Lunch?');
    expect(unpackAction('poll:vote:1', 'p1:1')).toEqual({ command: 'poll', action: 'vote', value: 'p1:1' });
    expect(unpackAction('poll:close:2', undefined)).toEqual({ command: 'poll', action: 'close' });
    expect(unpackAction('someone-elses-action', 'x')).toBeUndefined();
  });

  it('renders single and multi selects; the select value rides in the action id', () => {
    const single = renderMessage({ select: { placeholder: 'Pick a topic', action: { command: 'cert', action: 'topic' }, options: [{ label: 'CRSS', value: 'crss', description: 'Recovery' }] } });
    expect(single.blocks).toEqual([
      {
        type: 'actions',
        elements: [{ type: 'static_select', placeholder: pt('Pick a topic'), action_id: 'cert:topic:0', options: [{ text: pt('CRSS'), value: 'crss', description: pt('Recovery') }] }],
      },
    ]);
    const multi = renderMessage({ select: { placeholder: 'Choose', max: 5, action: { command: 'poll', action: 'multi', value: 'p9' }, options: [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }] } });
    expect(multi.blocks[0]).toEqual({
      type: 'actions',
      elements: [{ type: 'multi_static_select', placeholder: pt('Choose'), action_id: 'poll:multi:0:p9', options: [{ text: pt('A'), value: 'a' }, { text: pt('B'), value: 'b' }], max_selected_items: 2 }],
    });
    expect(unpackAction('poll:multi:0:p9', undefined)).toEqual({ command: 'poll', action: 'multi', value: 'p9' });
  });

  it('pings only when the message says so: @here or a user group', () => {
    expect(renderMessage({ text: 'Training', ping: { kind: 'here' } }).blocks[0]).toEqual({ type: 'section', text: md('<!here> Training') });
    expect(fallbackOf({ text: 'Training', ping: { kind: 'role', role: 'S0LEADS' } })).toBe('<!subteam^S0LEADS> Training');
    expect(fallbackOf({ text: 'Training', ping: { kind: 'role', role: '<!channel>' } })).toBe('Training');
    expect(fallbackOf({ text: 'Training' })).toBe('Training');
  });

  it('names attachments in a context block', () => {
    expect(renderMessage({ text: 'Export', attachments: [{ filename: 'a<b>.csv', contentType: 'text/csv', content: 'x' }] }).blocks[1]).toEqual({
      type: 'context',
      elements: [md(':page_facing_up: a&lt;b&gt;.csv')],
    });
  });

  it('splits long text into sections of at most 3,000 characters, never cutting an entity', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Line ${i} ${'& '.repeat(60)}`).join('\n');
    const { blocks } = renderMessage({ text });
    expect(blocks.length).toBeGreaterThan(1);
    expectWithinLimits(blocks);
    for (const b of blocks.filter((x) => x.type === 'section')) expect((b.text as { text: string }).text).not.toMatch(/&(a|am)?$/);
    const one = renderMessage({ text: 'x'.repeat(7000) }).blocks;
    expect(one.map((b) => (b.text as { text: string }).text.length)).toEqual([3000, 3000, 1000]);
  });

  it('keeps 60 fields within 50 blocks and 12k characters, with a visible marker, controls kept', () => {
    const { blocks } = renderMessage({
      title: 'Many',
      fields: Array.from({ length: 60 }, (_, i) => ({ name: `Field ${i}`, value: 'v'.repeat(400) })),
      buttons: [{ label: 'More', action: { command: 'poll', action: 'more' } }],
      footer: 'end',
    });
    expectWithinLimits(blocks);
    expect(blocks.at(-3)).toEqual({ type: 'context', elements: [md(L.TRUNCATED)] });
    expect(blocks.at(-2)!.type).toBe('actions');
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [md('end')] });
  });

  it('keeps 120 short fields within 50 blocks', () => {
    const { blocks } = renderMessage({ fields: Array.from({ length: 120 }, (_, i) => ({ name: `F${i}`, value: 'v' })) });
    expect(blocks).toHaveLength(L.MAX_BLOCKS);
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [md(L.TRUNCATED)] });
  });

  it('clips the header and fallback text', () => {
    const out = renderMessage({ title: 't'.repeat(200), text: 'y'.repeat(5000) });
    expect((out.blocks[0]!.text as { text: string }).text).toHaveLength(L.MAX_HEADER_TEXT);
    expect(out.text.length).toBeLessThanOrEqual(L.MAX_FALLBACK_TEXT);
    expect(out.text.endsWith(L.TRUNCATED)).toBe(true);
  });

  it('renders a form as a modal whose submission maps back to fields', () => {
    const view = renderForm(
      { command: 'announce', form: 'compose', state: 'a1', title: 'Compose an announcement for members', submitLabel: 'Schedule', fields: [
        { id: 'title', label: 'Title', required: true, maxLength: 150 },
        { id: 'body', label: 'Message', style: 'paragraph', placeholder: 'What members should know', value: 'Draft' },
      ] },
      'C0GENERAL',
    );
    expect(view).toEqual({
      type: 'modal',
      callback_id: 'announce:compose',
      private_metadata: '{"c":"C0GENERAL","s":"a1"}',
      title: pt('Compose an announcement…'),
      submit: pt('Schedule'),
      close: pt('Cancel'),
      blocks: [
        { type: 'input', block_id: 'title', optional: false, label: pt('Title'), element: { type: 'plain_text_input', action_id: 'value', multiline: false, max_length: 150 } },
        { type: 'input', block_id: 'body', optional: true, label: pt('Message'), element: { type: 'plain_text_input', action_id: 'value', multiline: true, placeholder: pt('What members should know'), initial_value: 'Draft' } },
      ],
    });
    expect((view.title as { text: string }).text.length).toBeLessThanOrEqual(L.MAX_MODAL_TITLE);
    expect(unpackForm('announce:compose', '{"c":"C0GENERAL","s":"a1"}')).toEqual({ command: 'announce', form: 'compose', state: 'a1', channelId: 'C0GENERAL' });
    expect(formValues({ title: { value: { value: 'Hi' } }, body: { value: { value: null } } })).toEqual({ title: 'Hi', body: '' });
  });
});
