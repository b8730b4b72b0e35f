// Ordered indexes: what lets a page show 50 of a thousand polls, events or announcements, soonest or newest
// first, with exact counts, without reading and parsing every record. One row per (index, id): a group ('open',
// 'closed' …) and a numeric score (an instant). The store moves a row between groups in one atomic statement
// (sqlite/PostgreSQL: one upsert on the keyv_index table; Redis: one script over a hash and a sorted set per
// group), so replicas sharing a store see one group per id. The service that owns the records writes the row
// right after the record on every write path; a page that finds a row disagreeing with its record corrects it
// (records only move forward: open → closed, live → cancelled), and `heal` adds at start the rows a store written
// by an older version, or a crash between a record and its row, left out (write-if-absent, so it never undoes a
// newer write).
import type { IndexQuery, Store } from './store.js';

/** Table and ordering index for the SQL backends (PostgreSQL replaces REAL with DOUBLE PRECISION). */
export const INDEX_TABLE_SQL = [
  'CREATE TABLE IF NOT EXISTS keyv_index (name TEXT NOT NULL, id TEXT NOT NULL, grp TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (name, id))',
  'CREATE INDEX IF NOT EXISTS keyv_index_order ON keyv_index (name, grp, score, id)',
];

/** [min, max] for SQL (no bound: the largest finite doubles, which every backend binds as numbers). */
export const scoreBounds = (q: Pick<IndexQuery, 'min' | 'max'>): [number, number] => [q.min ?? -Number.MAX_VALUE, q.max ?? Number.MAX_VALUE];
export const orderBy = (q: Pick<IndexQuery, 'reverse'>, collate = ''): string => {
  const dir = q.reverse ? 'DESC' : 'ASC';
  return `ORDER BY score ${dir}, id${collate} ${dir}`;
};

export interface IndexPage {
  ids: string[];
  /** Rows of the group within the score bounds, all pages together. */
  total: number;
}

export class OrderedIndex {
  constructor(
    private readonly store: Store,
    readonly name: string,
  ) {}

  /** Puts `id` in `group` at `score` (moving it from any other group). */
  async put(id: string, group: string, score: number): Promise<void> {
    await this.store.call('index write', (notAfter) => this.store.indexPut(this.name, id, group, score, false, notAfter));
  }

  /** Writes the row only if `id` has none (a backfill never undoes a live write). */
  putIfAbsent(id: string, group: string, score: number): Promise<boolean> {
    return this.store.call('index write', (notAfter) => this.store.indexPut(this.name, id, group, score, true, notAfter));
  }

  remove(id: string): Promise<void> {
    return this.store.call('index write', () => this.store.indexRemove(this.name, id));
  }

  count(group: string, q: Pick<IndexQuery, 'min' | 'max'> = {}): Promise<number> {
    return this.store.call('index count', () => this.store.indexCount(this.name, group, q));
  }

  async page(group: string, q: IndexQuery): Promise<IndexPage> {
    const [ids, total] = await Promise.all([this.store.call('index read', () => this.store.indexPage(this.name, group, q)), this.count(group, q)]);
    return { ids, total };
  }

  /**
   * At start: runs `fill` (which calls putIfAbsent for every record) when the index may lack rows — on the first
   * start of a version that has this index (claimed in the store, so one replica does it), and, when `records`
   * says how many records there are, whenever that differs from the rows in `groups` (a crash between a record
   * and its row). Returns whether it filled.
   */
  async heal(o: { version: string; fill: (index: OrderedIndex) => Promise<void>; records?: () => Promise<number>; groups?: string[] }): Promise<boolean> {
    const first = await this.store.claim('index-built', `${this.name}:${o.version}`, true);
    if (!first) {
      if (!o.records || !o.groups) return false;
      const [records, rows] = await Promise.all([o.records(), Promise.all(o.groups.map((g) => this.count(g)))]);
      if (records === rows.reduce((a, b) => a + b, 0)) return false;
    }
    await o.fill(this);
    return true;
  }
}
