// Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008): told apart with every common colour-vision
// deficiency. Yellow is left out: it is too light against white. Text on the chart is always the dark ink
// colour on white (contrast above 15:1), never on the bars, so no number depends on colour.
export const BAR_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'] as const;
export const INK = '#1a1a1a';
export const MUTED = '#4d4d4d';
export const TRACK = '#e8e8e8';
export const BACKGROUND = '#ffffff';

export const barColour = (i: number): string => BAR_COLOURS[i % BAR_COLOURS.length]!;
