// The events' ordered index rows (src/storage/ordered-index.ts): what the dashboard's events page and overview
// read instead of every event record. Two indexes: 'events' holds each event once, by its last start, in group
// 'live' or 'cancelled' (how many events still have a date to come); 'event-dates' holds each start of each live
// event (the agenda, soonest first; a recurring event has a row per date). Events.add and Events.cancel write
// them right after the record; an edit cannot move a start, so it leaves them as they are.
import { OrderedIndex } from '../../storage/ordered-index.js';
import type { Store } from '../../storage/store.js';
import { type BotEvent, startsOf } from './model.js';

export interface AgendaRow {
  event: BotEvent;
  /** This row's start (ISO). */
  start: string;
  /** Which date of the event this is (1-based), of how many. */
  nth: number;
  of: number;
}

export class EventAgenda {
  private readonly byLast: OrderedIndex;
  private readonly dates: OrderedIndex;

  constructor(store: Store) {
    this.byLast = new OrderedIndex(store, 'events');
    this.dates = new OrderedIndex(store, 'event-dates');
  }

  /** Writes an event's rows (after its record); `putIfAbsent` for a backfill. */
  async write(e: BotEvent, how: 'put' | 'putIfAbsent' = 'put'): Promise<void> {
    await this.byLast[how](e.id, e.cancelled ? 'cancelled' : 'live', Date.parse(startsOf(e).at(-1)!));
    for (const start of startsOf(e)) {
      if (e.cancelled) await this.dates.remove(`${e.id}@${start}`);
      else await this.dates[how](`${e.id}@${start}`, 'live', Date.parse(start));
    }
  }

  /** At start: adds the rows an older store or a crash left out (see OrderedIndex.heal). */
  async heal(all: () => Promise<BotEvent[]>, records: () => Promise<number>): Promise<void> {
    await this.byLast.heal({
      version: 'v1',
      records,
      groups: ['live', 'cancelled'],
      fill: async () => {
        for (const e of await all()) await this.write(e, 'putIfAbsent');
      },
    });
  }

  /** Live events with a start after `now`. */
  upcomingCount(now: Date): Promise<number> {
    return this.byLast.count('live', { min: now.getTime() + 1 });
  }

  /**
   * The starts after `now`, soonest first, `limit` from `offset`, with their events (read by id) and how many
   * such starts there are. A row whose event was cancelled or is gone is dropped from the index on the way.
   */
  async page(offset: number, limit: number, now: Date, read: (ids: string[]) => Promise<(BotEvent | undefined)[]>): Promise<{ rows: AgendaRow[]; total: number }> {
    const { ids, total } = await this.dates.page('live', { min: now.getTime() + 1, offset, limit });
    const split = (id: string) => [id.slice(0, id.lastIndexOf('@')), id.slice(id.lastIndexOf('@') + 1)] as const;
    const eventIds = [...new Set(ids.map((id) => split(id)[0]))];
    const found = await read(eventIds);
    const events = new Map(eventIds.map((id, i) => [id, found[i]]));
    const rows: AgendaRow[] = [];
    for (const id of ids) {
      const [eventId, start] = split(id);
      const event = events.get(eventId);
      const starts = event ? startsOf(event) : [];
      const nth = starts.indexOf(start);
      if (!event || event.cancelled || nth < 0) await this.dates.remove(id);
      else rows.push({ event, start, nth: nth + 1, of: starts.length });
    }
    return { rows, total };
  }
}
