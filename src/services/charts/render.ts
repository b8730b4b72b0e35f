// SVG → PNG with resvg (Rust, shipped as prebuilt binaries inside its npm packages), using only the shipped
// font: no system fonts, so a chart looks the same on every machine.
import { Resvg } from '@resvg/resvg-js';
import { altText } from './alt.js';
import { FONT_FAMILY, FONT_FILES } from './font.js';
import type { Chart, ChartData } from './model.js';
import { chartSvg } from './svg.js';

const FONT = { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY };

export function renderChartSync(data: ChartData): Chart {
  const { svg, width } = chartSvg(data);
  const image = new Resvg(svg, { font: FONT, fitTo: { mode: 'width', value: width }, background: '#ffffff' }).render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height, alt: altText(data) };
}

/** The default ChartRenderer. */
export const renderChart = async (data: ChartData): Promise<Chart> => renderChartSync(data);
