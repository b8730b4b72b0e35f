// Every occurrence of a recurring event in Discord's Events list, through the real discord.js and the stand-in
// (which refuses what Discord refuses in a recurrence rule). Where a Discord rule says the series exactly (in UTC,
// no count or end), one recurring Discord event, removed after the last occurrence; where it cannot (a monthly
// meeting across a DST change), the entry stands for the next occurrence and moves on after each one ends —
// once, also when the bot was down at that moment and after restarts.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { buildAnnouncements } from '../../src/services/announcements/index.js';
import { startDiscordBot } from '../standins/discord-bot.js';

const CHANNEL = '1000000000000000100';

async function bot() {
  const b = await startDiscordBot(commands, { standIn: { channelIds: [CHANNEL] }, env: { DISCORD_ANNOUNCE_CHANNEL: CHANNEL } });
  b.h.services.announce.scheduler.useTimers = false;
  await b.h.services.announce.scheduler.start();
  return b;
}

describe('recurring events in Discord', () => {
  it('weekly at noon in winter: one recurring Discord event (Tuesdays, UTC), kept through the series, removed after the last', async () => {
    const b = await bot();
    try {
      const { h, stand } = b;
      const said = await h.run('/event add "Weekly check-in" --at "2026-12-01 12:00" --repeat weekly --times 4 --remind 1h --to discord');
      expect(said.at(-1)!.text).toContain("It is also in the Discord server's Events list.");
      expect(stand.scheduledEvents.size).toBe(1);
      const [native] = [...stand.scheduledEvents.values()];
      expect(native).toMatchObject({
        scheduled_start_time: '2026-12-01T18:00:00.000Z', scheduled_end_time: '2026-12-01T19:00:00.000Z',
        recurrence_rule: { start: '2026-12-01T18:00:00.000Z', frequency: 2, interval: 1, by_weekday: [1], by_n_weekday: null },
      });
      expect(native!.recurrence_rule.count).toBeUndefined();

      const patches = () => stand.calls.filter((c) => c.method === 'PATCH' && c.path.includes('/scheduled-events/'));
      const scheduler = h.services.announce.scheduler;
      for (const at of ['2026-12-01T19:00:00Z', '2026-12-08T19:00:00Z', '2026-12-15T19:00:00Z']) {
        h.clock.set(at);
        await scheduler.tick();
        await scheduler.settled();
      }
      expect(patches()).toEqual([]); // Discord repeats it by itself
      expect(stand.scheduledEvents.size).toBe(1);
      h.clock.set('2026-12-22T19:00:00Z'); // the last occurrence is over: Discord would repeat it for ever
      await scheduler.tick();
      await scheduler.settled();
      expect(stand.scheduledEvents.size).toBe(0);
      expect(stand.calls.filter((c) => c.method === 'DELETE' && c.path.endsWith(`/scheduled-events/${native!.id}`))).toHaveLength(1);

      // Monthly on the first Tuesday, all in winter: by_n_weekday.
      await h.run('/event add "Peer council" --at "2027-01-05 12:00" --repeat monthly --times 3 --to discord');
      const [monthly] = [...stand.scheduledEvents.values()];
      expect(monthly!.recurrence_rule).toMatchObject({ start: '2027-01-05T18:00:00.000Z', frequency: 1, interval: 1, by_n_weekday: [{ n: 1, day: 1 }], by_weekday: null });
    } finally {
      await b.close();
    }
  });

  it('monthly at 6 PM across the DST change: the entry moves on after each occurrence, once, also after a restart', async () => {
    const b = await bot();
    try {
      const { h, stand } = b;
      await h.run('/event add "Peer support meeting" --at "2027-02-02 18:00" --end "7:30pm" --repeat monthly --times 4 --to discord');
      const [native] = [...stand.scheduledEvents.values()];
      // Feb 2 and Mar 2 are 00:00 UTC the next day; Apr 6 (CDT) 23:00 UTC the same day: no Discord rule says that.
      expect(native!.recurrence_rule).toBeUndefined();
      expect(native).toMatchObject({ scheduled_start_time: '2027-02-03T00:00:00.000Z', scheduled_end_time: '2027-02-03T01:30:00.000Z' });
      const moves = () => stand.calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(`/scheduled-events/${native!.id}`)).map((c) => c.body.scheduled_start_time);

      let scheduler = h.services.announce.scheduler;
      h.clock.set('2027-02-03T01:30:00Z'); // the first occurrence ends
      await scheduler.tick();
      await scheduler.settled();
      expect(moves()).toEqual(['2027-03-03T00:00:00.000Z']);
      expect(native).toMatchObject({ scheduled_start_time: '2027-03-03T00:00:00.000Z', scheduled_end_time: '2027-03-03T01:30:00.000Z' });

      // The bot is down when the second occurrence ends (long past ANNOUNCE_GRACE); it starts again twice.
      await scheduler.stop();
      const { store, outlets, config } = h.services;
      const restart = async () => {
        const fresh = buildAnnouncements({ store, outlets, clock: h.clock, log: pino({ level: 'silent' }), config });
        fresh.scheduler.useTimers = false;
        await fresh.scheduler.start();
        await fresh.scheduler.settled();
        return fresh.scheduler;
      };
      h.clock.set('2027-03-10T12:00:00Z');
      scheduler = await restart();
      await scheduler.stop();
      scheduler = await restart();
      expect(moves()).toEqual(['2027-03-03T00:00:00.000Z', '2027-04-06T23:00:00.000Z']);
      expect(native).toMatchObject({ scheduled_start_time: '2027-04-06T23:00:00.000Z', scheduled_end_time: '2027-04-07T00:30:00.000Z' });
      // Reminders that fell in the downtime are reported as missed; moving the Discord event on never is.
      const calendarTasks = new Set((await h.services.announce.scheduler.schedules.list()).filter(([, s]) => s.kind === 'calendar').map(([id]) => id));
      expect(calendarTasks.size).toBe(4);
      const missed = (await h.services.announce.audit.recent(50)).filter((e) => e.action === 'missed');
      expect(missed.length).toBeGreaterThan(0);
      expect(missed.filter((e) => calendarTasks.has(e.scheduleId!))).toEqual([]);

      // A server admin ends the April one by hand in Discord; after it, May gets a new Discord event.
      native!.status = 3; // COMPLETED
      h.clock.set('2027-04-07T00:30:00Z');
      await scheduler.tick();
      await scheduler.settled();
      const made = [...stand.scheduledEvents.values()].filter((e) => e.id !== native!.id);
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({ name: 'Peer support meeting', scheduled_start_time: '2027-05-04T23:00:00.000Z', scheduled_end_time: '2027-05-05T00:30:00.000Z' });
      const event = (await h.services.announce.events.all())[0]!;
      expect(event.native.discord).toBe(`${stand.guildId}/${made[0]!.id}`);
      expect(moves()).toHaveLength(2);
      await scheduler.stop();
    } finally {
      await b.close();
    }
  });

  it('when Discord refuses the rule after all, the entry stands for the next occurrence and moves on', async () => {
    const b = await bot();
    try {
      const { h, stand } = b;
      stand.refuseRecurrenceRules = true;
      const said = await h.run('/event add "Weekly check-in" --at "2026-12-01 12:00" --repeat weekly --times 3 --to discord');
      expect(said.at(-1)!.text).toContain("It is also in the Discord server's Events list.");
      expect(stand.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/scheduled-events'))).toHaveLength(2);
      const [native] = [...stand.scheduledEvents.values()];
      expect(native!.recurrence_rule).toBeUndefined();
      h.clock.set('2026-12-01T19:00:00Z');
      await h.services.announce.scheduler.tick();
      await h.services.announce.scheduler.settled();
      expect(native).toMatchObject({ scheduled_start_time: '2026-12-08T18:00:00.000Z' });
    } finally {
      await b.close();
    }
  });

  it('a cancelled recurring event is not moved on', async () => {
    const b = await bot();
    try {
      const { h, stand } = b;
      await h.run('/event add "Peer support meeting" --at "2027-02-02 18:00" --repeat monthly --times 3 --to discord');
      const event = (await h.services.announce.events.all())[0]!;
      await h.run(`/event cancel ${event.id}`);
      h.clock.set('2027-02-03T01:00:00Z');
      await h.services.announce.scheduler.tick();
      await h.services.announce.scheduler.settled();
      const [native] = [...stand.scheduledEvents.values()];
      expect(native).toMatchObject({ status: 4, scheduled_start_time: '2027-02-03T00:00:00.000Z' });
    } finally {
      await b.close();
    }
  });
});
