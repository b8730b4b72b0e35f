// Charts of poll results: the data from a poll and its tally, rendered to PNG by resvg.
export type { Chart, ChartData, ChartRenderer, ChartRow } from './model.js';
export { renderChart, renderChartSync } from './render.js';
export { altText } from './alt.js';
