// SVG → PNG with resvg (Rust, shipped as prebuilt binaries inside its npm packages). The SVG carries its text as
// the shipped font's glyph outlines, so resvg loads no font at all (not even the system's): a chart looks the
// same on every machine.
import { Resvg } from '@resvg/resvg-js';
import { altText } from './alt.js';
import { chartLayout } from './layout.js';
import type { Chart, ChartData } from './model.js';
import { layoutSvg } from './svg.js';

const NO_FONTS = { loadSystemFonts: false };

export function renderChartSync(data: ChartData): Chart {
  const layout = chartLayout(data);
  const alt = altText(data);
  const image = new Resvg(layoutSvg(layout, alt), { font: NO_FONTS, fitTo: { mode: 'width', value: layout.width }, background: layout.background }).render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height, alt };
}

/** The default ChartRenderer. */
export const renderChart = async (data: ChartData): Promise<Chart> => renderChartSync(data);
