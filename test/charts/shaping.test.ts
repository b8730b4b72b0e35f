// Text as the chart draws it: shaped once per process into glyph outlines of the shipped DejaVu Sans (no font is
// handed to resvg, so a system font can never stand in), in bidi order, from a bounded cache that gives a warm
// render exactly what a cold one gives.
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { renderChartSync, type ChartData } from '../../src/services/charts/index.js';
import { chartSvg } from '../../src/services/charts/svg.js';
import { clearShapeCache, shapeCacheSize, shapeLine, textWidth } from '../../src/services/charts/shaping.js';

const dejavu = fontkit.openSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')) as fontkit.Font;

const poll = (question: string, labels: string[]): ChartData => ({
  title: question,
  subtitle: `${labels.length * 10} responses · closed Tue, Dec 1, 2026, 5:00 PM CST`,
  rows: labels.map((label, i) => ({ label, count: 10 + i, percent: 10 + i })),
  note: 'Anonymous poll · one vote per member across Slack and Discord.',
});
// The same words in the bold title of A and a regular label of B: a cache that mixed up the faces would show.
const A = poll('Paid supervision or Medicaid: which bill should we back?', ['Medicaid reimbursement for peer support', 'أجور عادلة لأخصائيي دعم الأقران', 'Paid supervision hours']);
const B = poll('When should we meet?', ['Paid supervision first, on Mondays at noon', 'שכר הוגן לעובדי תמיכה', 'Thursday evenings, online', 'Never (just e-mail)']);

describe('chart text from the shaping cache', () => {
  it('two different polls render different images, each exactly as from a cold cache', () => {
    clearShapeCache();
    const coldA = renderChartSync(A).png;
    const warmB = renderChartSync(B).png;
    const warmA = renderChartSync(A).png;
    expect(shapeCacheSize()).toBeGreaterThan(0);
    clearShapeCache();
    const coldB = renderChartSync(B).png;
    expect(Buffer.from(warmA).equals(Buffer.from(coldA))).toBe(true);
    expect(Buffer.from(warmB).equals(Buffer.from(coldB))).toBe(true);
    expect(Buffer.from(warmA).equals(Buffer.from(warmB))).toBe(false);
  });

  it('stays bounded however many different words are measured', () => {
    clearShapeCache();
    for (let i = 0; i < 6000; i++) textWidth(`word${i}`, 24);
    expect(shapeCacheSize()).toBeLessThanOrEqual(5000);
    // An evicted word is shaped again, to the same width.
    expect(textWidth('word0', 24)).toBeCloseTo(textWidth('word1', 24) - (textWidth('1', 24) - textWidth('0', 24)), 6);
  });
});

describe('fonts', () => {
  it('the SVG draws the shipped DejaVu Sans outlines and names no font, so resvg never picks a system font', () => {
    const { svg } = chartSvg(A);
    expect(svg).not.toMatch(/<text|font-family|@font-face/);
    const m = dejavu.glyphForCodePoint('M'.codePointAt(0)!); // from the label "Medicaid …"
    expect(svg).toContain(`d="${m.path.toSVG()}"`);
  });
});

describe('bidi order', () => {
  it('keeps left-to-right words in order and lays a right-to-left run out from right to left', () => {
    const visual = (t: string) => shapeLine(t).pieces.map((p) => p.text.trim()).filter(Boolean);
    expect(visual('peer support')).toEqual(['peer', 'support']);
    expect(visual('שלום עולם')).toEqual(['עולם', 'שלום']);
    expect(visual('vote שלום עולם today')).toEqual(['vote', 'עולם', 'שלום', 'today']);
    // Within a Hebrew word the glyphs run right to left: the first letter is drawn last (rightmost).
    const line = shapeLine('אב');
    const alef = dejavu.glyphForCodePoint(0x05d0).id;
    expect(line.glyphs.at(-1)!.id).toBe(alef);
    expect(line.glyphs[0]!.x).toBeLessThan(line.glyphs.at(-1)!.x);
  });
});
