// Alt text that states the numbers: a screen reader (or a member with images off) hears everything the chart
// shows. Discord takes 1,024 characters as an attachment description and Slack 2,000 as alt_text: long
// questions and labels are shortened (between graphemes) so that every option's numbers always fit.
import { shorten } from './labels.js';
import type { ChartData } from './model.js';

export const ALT_MAX = 1000;

export function altText(data: ChartData): string {
  const head = (title: string) => `Bar chart of the answers to "${title}". ${data.subtitle}.`;
  const rows = (n: number) => data.rows.map((r) => `${shorten(r.label, n)}: ${r.count} (${r.percent}%)`).join('; ');
  for (const [t, n] of [[300, 80], [120, 40], [60, 24], [40, 12]] as const) {
    const out = `${head(shorten(data.title, t))} ${rows(n)}.${data.note ? ` ${data.note}` : ''}`;
    if (out.length <= ALT_MAX) return out;
  }
  return shorten(`${head(shorten(data.title, 40))} ${rows(8)}.`, ALT_MAX);
}
