// Small view helpers shared by the pages.
import { formatWhen } from '../services/announcements/when.js';

export const when = (d: Date | string | undefined, zone: string): string => (d ? formatWhen(new Date(d), zone) : '—');
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
export const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Rows a list page shows (the rest are on further pages, counted): pages stay fast with thousands of records. */
export const PAGE_ROWS = 50;

/** The 1-based page number in query parameter `param` (1 when absent or not a number). */
export const pageParam = (value: string | undefined): number => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 && n <= 100_000 ? n : 1;
};
/** The offset of a page's first row. */
export const offsetOf = (page: number): number => (page - 1) * PAGE_ROWS;
