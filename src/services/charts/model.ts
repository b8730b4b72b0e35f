// What a chart shows, as plain data: the renderers (SVG, PNG, alt text) are pure functions of it.

export interface ChartRow {
  label: string;
  count: number;
  /** Whole percent of respondents (multi-choice shares may add up to more than 100). */
  percent: number;
}

export interface ChartData {
  /** The question. */
  title: string;
  /** e.g. "23 responses · closed Tue, Dec 1, 2026, 5:00 PM CST" */
  subtitle: string;
  rows: ChartRow[];
  /** A closing remark, e.g. that members could pick several options. */
  note?: string;
}

export interface Chart {
  png: Uint8Array;
  width: number;
  height: number;
  /** States the numbers: what a screen reader says instead of the picture. */
  alt: string;
}

/** Turns chart data into a picture; injected so that a failing renderer can be tested. */
export type ChartRenderer = (data: ChartData) => Promise<Chart>;
