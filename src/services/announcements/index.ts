// Builds the announcement and event services over one scheduler and one outbox; the Lifecycle heals the list
// indexes (ordered-index.ts) and then starts the scheduler.
import type { BaseDeps, Lifecycle } from '../index.js';
import { CalendarFeed } from '../events/feed.js';
import { Events } from '../events/service.js';
import { Audit } from '../audit.js';
import { Outbox } from './outbox.js';
import { Reporter } from './report.js';
import { Scheduler } from './scheduler.js';
import { Announcements, renderAnnouncement } from './service.js';

export interface AnnouncementServices {
  announcements: Announcements;
  events: Events;
  scheduler: Scheduler;
  audit: Audit;
  outbox: Outbox;
  /** The subscribable calendar feed of all upcoming events (served at /calendar/<secret>.ics). */
  feed: CalendarFeed;
}

export function buildAnnouncements(deps: BaseDeps, opts: { retryDelaysMs?: number[] } = {}): AnnouncementServices & { lifecycle: Lifecycle } {
  const { store, outlets, clock, log, config } = deps;
  const zone = config.BOT_TIMEZONE;
  const outbox = new Outbox(store, clock);
  const audit = new Audit(store, clock);
  const reporter = new Reporter(outlets, config, log);
  const scheduler = new Scheduler({ store, outlets, clock, log, outbox, audit, reporter, graceMs: config.ANNOUNCE_GRACE, zone, retryDelaysMs: opts.retryDelaysMs });
  const announcements = new Announcements({ store, outlets, clock, zone, scheduler, audit, outbox });
  scheduler.kinds.set('announcement', { render: async (s) => renderAnnouncement(s), afterPost: (s) => announcements.sent(s) });
  const events = new Events({ store, outlets, clock, log, zone, scheduler, announcements, audit, outbox, organizer: config.EVENT_ORGANIZER });
  const feed = new CalendarFeed({ store, clock, events: () => events.all(), secret: config.CALENDAR_FEED_SECRET });
  // Before the scheduler starts: the first start of this version adds the list indexes' rows (once per store).
  const lifecycle: Lifecycle = {
    async start() {
      await Promise.all([announcements.heal(), events.heal(), outbox.heal()]);
      await scheduler.start();
    },
    stop: () => scheduler.stop(),
  };
  return { announcements, events, scheduler, audit, outbox, feed, lifecycle };
}
