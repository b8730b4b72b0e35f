// The image part of a message, rendered by the pure adapter functions: exact shapes and the platforms' limits
// (Discord attachment description ≤ 1,024; Slack alt_text ≤ 2,000), and what happens without an upload.
import { describe, expect, it } from 'vitest';
import { RenderError, renderMessage as discord } from '../../src/adapters/discord/render.js';
import { renderMessage as slack } from '../../src/adapters/slack/render.js';
import type { Message } from '../../src/core/message.js';

const png = new Uint8Array([137, 80, 78, 71]);
const msg = (alt: string): Message => ({ title: 'Poll closed — final results', text: '1. Yes 100% (1)', attachments: [{ filename: 'chart.png', contentType: 'image/png', content: png }], image: { filename: 'chart.png', alt } });

describe('Discord: image in the embed', () => {
  it('shows the attachment in the embed and gives it the alt text as description (clipped to 1,024)', () => {
    const { body, files } = discord(msg('Bar chart: Yes 1 (100%).'));
    expect(body.embeds[0]!.image).toEqual({ url: 'attachment://chart.png' });
    expect(files).toEqual([{ name: 'chart.png', contentType: 'image/png', data: Buffer.from(png), description: 'Bar chart: Yes 1 (100%).' }]);
    expect(discord(msg('x'.repeat(3000))).files[0]!.description).toHaveLength(1024);
  });
  it('refuses an image that is not one of the attachments, rather than send a broken embed', () => {
    expect(() => discord({ ...msg('a'), attachments: [] })).toThrow(RenderError);
  });
});

describe('Slack: image block by slack_file id', () => {
  it('adds an image block with alt_text (clipped to 2,000) once the file is uploaded, and does not list it as a file', () => {
    const { blocks } = slack(msg('y'.repeat(2500)), { imageFileId: 'F123' });
    const image = blocks.find((b) => b.type === 'image')!;
    expect(image).toEqual({ type: 'image', slack_file: { id: 'F123' }, alt_text: expect.any(String) });
    expect((image.alt_text as string).length).toBe(2000);
    expect(JSON.stringify(blocks)).not.toContain(':page_facing_up: chart.png');
  });
  it('without an upload: no image block, the text stays, and the fallback text does not carry the alt text', () => {
    const { blocks, text } = slack(msg('Bar chart'));
    expect(blocks.some((b) => b.type === 'image')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('100% (1)');
    expect(text).toContain('100% (1)');
  });
});
