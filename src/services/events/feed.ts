// The alliance's calendar feed: one secret address, /calendar/<secret>.ics, that members subscribe to once in
// Google, Outlook or Apple Calendar; it lists every upcoming event (and cancelled ones, marked so, until they
// would have ended, so subscribed calendars drop them). The secret comes from CALENDAR_FEED_SECRET, or is made
// once and kept in the store (every replica reads the same one); it is compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Repo } from '../../storage/repo.js';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../clock.js';
import { calendarFeedIcs } from './ics.js';
import { type BotEvent, lengthOf, startsOf } from './model.js';

export interface FeedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const PATH = /^\/calendar\/([^/]+)\.ics$/;
const digest = (s: string) => createHash('sha256').update(s).digest();

export class CalendarFeed {
  private readonly settings: Repo<string>;
  private secret?: string;

  constructor(private readonly deps: { store: Store; clock: Clock; events: () => Promise<BotEvent[]>; secret?: string }) {
    this.settings = new Repo(deps.store, 'settings', z.string().min(16));
    this.secret = deps.secret;
  }

  /** The feed's secret: configured, or made once and shared through the store. */
  async feedSecret(): Promise<string> {
    if (this.secret) return this.secret;
    await this.settings.create('calendar-feed-secret', randomBytes(24).toString('base64url'));
    this.secret = (await this.settings.get('calendar-feed-secret'))!;
    return this.secret;
  }

  async feedPath(): Promise<string> {
    return `/calendar/${await this.feedSecret()}.ics`;
  }

  /** The VCALENDAR text of every upcoming event (a pure function of the events and the time). */
  static feedText(events: BotEvent[], now: Date): string {
    const t = now.getTime();
    const live = events.filter((e) => startsOf(e).some((s) => new Date(s).getTime() + lengthOf(e) > t));
    return calendarFeedIcs(live.sort((a, b) => a.at.localeCompare(b.at)), now, 'NIAPP events');
  }

  /**
   * Answers GET /calendar/<secret>.ics; undefined for any other path (the caller's 404). A wrong secret gets the
   * same 404 as an unknown path, after a comparison that takes the same time whatever the guess.
   */
  calendarFeed = async (path: string): Promise<FeedResponse | undefined> => {
    const m = PATH.exec(path.split('?')[0] ?? '');
    if (!m) return undefined;
    let given: string;
    try {
      given = decodeURIComponent(m[1]!);
    } catch {
      given = '';
    }
    if (!timingSafeEqual(digest(given), digest(await this.feedSecret()))) {
      return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'not found' };
    }
    const body = CalendarFeed.feedText(await this.deps.events(), this.deps.clock.now());
    return {
      status: 200,
      headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300', 'content-disposition': 'inline; filename="niapp-events.ics"' },
      body,
    };
  };
}
