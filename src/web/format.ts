// Small view helpers shared by the pages.
import { formatWhen } from '../services/announcements/when.js';

export const when = (d: Date | string | undefined, zone: string): string => (d ? formatWhen(new Date(d), zone) : '—');
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
export const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Rows a list shows at most (the rest are counted, not rendered): pages stay fast with thousands of records. */
export const PAGE_ROWS = 50;
export const more = (shown: number, total: number, what: string): string | null => (total > shown ? `Showing ${shown} of ${total} ${what}.` : null);
