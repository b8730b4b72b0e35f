// The chart renderer: a real PNG (decoded by pngjs), of the width it promises, whose pixels show the bars in
// proportion; alt text that states every number; labels that fit even when 10 options are 80 characters of
// emoji and right-to-left scripts, shortened only between graphemes.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { altText, renderChartSync, type ChartData } from '../../src/services/charts/index.js';
import { drawable } from '../../src/services/charts/font.js';
import { textWidth } from '../../src/services/charts/shaping.js';
import { MARKER, fitLines, graphemes, shorten } from '../../src/services/charts/labels.js';
import { WIDTH, chartSvg } from '../../src/services/charts/svg.js';

const basic: ChartData = {
  title: 'Should supervision hours be paid?',
  subtitle: '20 responses · closed Tue, Dec 1, 2026, 5:00 PM CST',
  rows: [
    { label: 'Yes', count: 15, percent: 75 },
    { label: 'No', count: 5, percent: 25 },
  ],
};

const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));

/** Columns of one pixel row that are not white/grey, i.e. painted with a bar colour. */
function colouredRun(img: PNG, y: number): number {
  let n = 0;
  for (let x = 0; x < img.width; x++) {
    const i = (img.width * y + x) * 4;
    const [r, g, b] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
  }
  return n;
}

/** Pixels right of column `from` that are not (near) white. */
function paintedColumns(img: PNG, from: number): number {
  let n = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = from; x < img.width; x++) {
      const i = (img.width * y + x) * 4;
      if (Math.min(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!) < 200) n++;
    }
  }
  return n;
}

describe('chart PNG', () => {
  it('is a decodable PNG of the stated size, with bars in proportion to the counts', () => {
    const chart = renderChartSync(basic);
    const img = decode(chart.png);
    expect([img.width, img.height]).toEqual([chart.width, chart.height]);
    expect(img.width).toBe(WIDTH);
    expect(img.height).toBeGreaterThan(250);
    // The widest coloured run of each bar row: "Yes" (75%) is the full track, "No" (25%) a third of it.
    const runs: number[] = [];
    let last = 0;
    for (let y = 0; y < img.height; y++) {
      const run = colouredRun(img, y);
      if (run > 20 && Math.abs(run - last) > 20) runs.push(run);
      if (run > 20) last = run;
    }
    expect(runs.length).toBe(2);
    expect(runs[1]! / runs[0]!).toBeCloseTo(1 / 3, 1);
  });

  it('draws zero-vote options with an empty track and no bar, and a poll with no responses at all', () => {
    const chart = renderChartSync({ ...basic, subtitle: '0 responses', rows: basic.rows.map((r) => ({ ...r, count: 0, percent: 0 })) });
    const img = decode(chart.png);
    for (let y = 0; y < img.height; y++) expect(colouredRun(img, y)).toBeLessThan(5);
  });
});

describe('alt text', () => {
  it('states the question, the response count, the date and every option with count and percent', () => {
    const alt = altText(basic);
    expect(alt).toBe('Bar chart of the answers to "Should supervision hours be paid?". 20 responses · closed Tue, Dec 1, 2026, 5:00 PM CST. Yes: 15 (75%); No: 5 (25%).');
    expect(renderChartSync(basic).alt).toBe(alt);
  });

  it('keeps every number within 1,000 characters when the labels are long', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ label: `${'Option with a very long description '.repeat(3).slice(0, 79)}${i}`, count: 100 + i, percent: 10 + i }));
    const alt = altText({ title: 'Q'.repeat(300), subtitle: '1045 responses', rows });
    expect(alt.length).toBeLessThanOrEqual(1000);
    for (const r of rows) expect(alt).toContain(`: ${r.count} (${r.percent}%)`);
  });
});

// 80 characters each: emoji sequences (families, flags, skin tones), Arabic, Hebrew, combining marks.
const EXTREME = [
  '👩‍👩‍👧‍👦 Family support groups 👨🏿‍⚕️ for every county 🇺🇸🏳️‍🌈 with childcare and transport provided!!',
  'أجور عادلة لأخصائيي دعم الأقران في جميع أنحاء الولاية والمقاطعات والمجتمعات المحلية',
  'שכר הוגן לעובדי תמיכה עמיתים בכל המחוזות והקהילות של מדינת אילינוי ובכל הערים שלה',
  'Supercalifragilisticexpialidociousandevenlongerwordswithoutanyspacesatallforthewholeline',
  'Zalgo: Z̷̢̛a̵͎͝l̸̰̈g̶̣͊o̴̪͐ text with many combining marks that must never be split apart ok',
  'Mixed: peer support مرحبا bei שלום all 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 in one option that runs on and on',
  'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
  '🧑🏽‍🤝‍🧑🏻🧑🏽‍🤝‍🧑🏻🧑🏽‍🤝‍🧑🏻🧑🏽‍🤝‍🧑🏻🧑🏽‍🤝‍🧑🏻🧑🏽‍🤝‍🧑🏻',
  'Ελληνικά και Кириллица together with Latin text, to check wrapping across scripts here',
  'A short one',
].map((s) => s.slice(0, 80));

describe('extreme labels', () => {
  it('10 options of 80 characters with emoji and RTL scripts: every label line fits the chart width', () => {
    const data: ChartData = { title: 'Q'.repeat(40) + ' '.repeat(1) + EXTREME[0]!, subtitle: '999 responses', rows: EXTREME.map((label, i) => ({ label, count: 99 - i, percent: 99 - i * 9 })) };
    const { layout } = chartSvg(data);
    const lines = layout.shapes.filter((s) => s.kind === 'text');
    expect(lines.length).toBeGreaterThan(20);
    for (const t of lines) expect(t.x + textWidth(t.text, t.size, t.bold), t.text).toBeLessThanOrEqual(WIDTH);
    // And the glyphs are drawn where they were measured: nothing is painted in the right margin.
    const img = decode(renderChartSync(data).png);
    expect(img.width).toBe(WIDTH);
    expect(paintedColumns(img, WIDTH - 30)).toBe(0);
    expect(img.height).toBeLessThan(2000);
  });

  it('wraps, then shortens with a marker, never inside a grapheme', () => {
    for (const label of EXTREME) {
      for (const width of [60, 140, 300]) {
        const measure = (t: string) => textWidth(t, 24);
        const lines = fitLines(drawable(label), width, 2, measure);
        expect(lines.length).toBeLessThanOrEqual(2);
        const whole = graphemes(drawable(label));
        for (const line of lines) {
          // Each line is made of whole graphemes of the label (plus the marker).
          for (const g of graphemes(line.endsWith(MARKER) ? line.slice(0, -MARKER.length) : line)) expect(whole.includes(g) || g === ' ', `${g} in ${line}`).toBe(true);
        }
      }
    }
  });

  it('shortens alt-text labels between graphemes: a family emoji is kept whole or left out', () => {
    const family = '👩‍👩‍👧‍👦';
    // "ab" + the family (11 UTF-16 units) + "cd" is 15 units.
    expect(shorten(`ab${family}cd`, 13)).toBe(`ab${MARKER}`);
    expect(shorten(`ab${family}cd`, 14)).toBe(`ab${family}${MARKER}`);
    expect(shorten(`ab${family}cd`, 15)).toBe(`ab${family}cd`);
    expect(shorten('short', 10)).toBe('short');
  });

  it('escapes markup in labels instead of injecting it into the SVG', () => {
    const { svg } = chartSvg({ ...basic, title: '<script>alert(1)</script> & "quotes"', rows: [{ label: '</text><image href="http://x"/>', count: 1, percent: 100 }] });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<image');
    expect(() => decode(renderChartSync({ ...basic, rows: [{ label: 'bell \u0007 char', count: 1, percent: 100 }] }).png)).not.toThrow();
  });
});
