// /event: trainings and webinars. Leadership adds and cancels; everyone lists upcoming events and RSVPs with
// the "I'll attend" button (press again to take it back). Reminders go out at the chosen offsets.
import { z } from 'zod';
import { defineCommand, defineLeaf } from '../src/core/command.js';
import { leaderOnly } from '../src/core/guards.js';
import type { Field } from '../src/core/message.js';
import { TO_CHOICES } from '../src/services/announcements/targets.js';
import { formatWhen } from '../src/services/announcements/when.js';
import { eventMessage, formatSpan, humanOffset, repeatLine } from '../src/services/events/render.js';
import { DEFAULT_REMIND, nextStart } from '../src/services/events/service.js';

/** Links members can open: http and https only (a javascript: or data: link is refused). */
export const webLink = z
  .url({ protocol: /^https?$/, error: 'must be a link starting with https://' })
  .max(500);

const add = defineLeaf({
  name: 'add',
  description: 'Announce an event with an RSVP button, a calendar file and reminders',
  guards: [leaderOnly],
  options: {
    title: z.string().max(200).describe('The event title (quote it)'),
    at: z.string().describe('When it starts: "2026-12-03 12:00", "next tuesday 14:00" (Illinois time)'),
    duration: z.string().max(20).optional().describe('How long it lasts, e.g. 90m or 2h (default 1h)'),
    end: z.string().max(60).optional().describe('Or when it ends: "1:30pm", "2026-12-03 13:30"'),
    repeat: z.enum(['weekly', 'biweekly', 'monthly']).optional().describe('Repeat weekly, biweekly or monthly (same weekday of the month)'),
    times: z.number().int().min(2).max(52).optional().describe('How many times a repeating event happens (default 6)'),
    url: webLink.optional().describe('Where to join or register (an https:// link)'),
    details: z.string().max(1500).optional().describe('A short description'),
    remind: z.string().max(40).optional().describe(`Reminders before it starts, e.g. 7d,1d,1h (default ${DEFAULT_REMIND})`),
    to: z.enum(TO_CHOICES).optional().describe('Where to post: both, slack, discord or console; default every connected platform'),
    channel: z.array(z.string().max(100)).max(3).optional().describe('A channel other than the announcement channel, e.g. slack:C0123ABCD'),
  },
  positional: ['title'],
  examples: [
    '/event add "CRSS exam prep webinar" --at "2026-12-03 12:00" --duration 90m --url https://niapp.org/webinar --remind 7d,1d,1h',
    '/event add "Peer support meeting" --at "2026-12-01 18:00" --end "7:30pm" --repeat monthly --times 6',
  ],
  async run(ctx, o) {
    const { event, posted, notes } = await ctx.services.announce.events.add(ctx.actor, { title: o.title, at: o.at, duration: o.duration, end: o.end, repeat: o.repeat, times: o.times, url: o.url, details: o.details, remind: o.remind, to: o.to, channels: o.channel });
    const where = posted.map((r) => `${r.platform} #${r.channelId}`).join(', ') || 'nowhere yet (see /announce log)';
    const reminders = event.remind.map(humanOffset).join(', ') || 'none';
    await ctx.ephemeral({
      text: `Event ${event.id} posted to ${where}: **${event.title}**, ${formatSpan(event)}${repeatLine(event) ? `, repeating ${repeatLine(event)}` : ''}. Reminders: ${reminders} before${event.repeat ? ' each time' : ''} (those already past are skipped). Cancel with /event cancel ${event.id}.${event.native.discord ? ' It is also in the Discord server\'s Events list.' : ''}${notes.map((n) => `\n⚠️ ${n}`).join('')}`,
      tone: notes.length ? 'warning' : 'success',
    });
  },
});

const list = defineLeaf({
  name: 'list',
  description: 'Upcoming trainings and webinars',
  options: {},
  async run(ctx) {
    const { events } = ctx.services.announce;
    const upcoming = (await events.upcoming()).slice(0, 20);
    if (!upcoming.length) return void (await ctx.ephemeral('No upcoming events. Leadership announces trainings and webinars with /event add.'));
    const fields: Field[] = [];
    for (const e of upcoming) {
      const going = await events.going(e.id);
      const interested = await events.interested(e);
      fields.push({ name: e.title, value: `${formatWhen(new Date(nextStart(e, ctx.now().getTime()) ?? e.at), e.tz)}${e.repeat ? ` (repeats ${e.repeat})` : ''} · ${going} going${interested === undefined ? '' : ` · ${interested} interested on Discord`}${e.url ? ` · [link](${e.url})` : ''} · id ${e.id}` });
    }
    await ctx.ephemeral({ title: 'Upcoming events', fields, footer: 'RSVP with the "I\'ll attend" button on the event post.' });
  },
});

const cancel = defineLeaf({
  name: 'cancel',
  description: 'Cancel an event: its post says so and its reminders stop',
  guards: [leaderOnly],
  options: { id: z.string().min(1).max(20).describe('The event id shown by /event list') },
  positional: ['id'],
  async run(ctx, o) {
    const e = await ctx.services.announce.events.cancel(ctx.actor, o.id);
    await ctx.ephemeral({ text: `Cancelled event ${e.id} (${e.title}). Its posts now say so and no reminders will go out.`, tone: 'success' });
  },
});

const edit = defineLeaf({
  name: 'edit',
  description: 'Change an event\'s title, link, details or length; posts and calendars follow',
  guards: [leaderOnly],
  options: {
    id: z.string().min(1).max(20).describe('The event id shown by /event list'),
    title: z.string().max(200).optional().describe('A new title'),
    url: z
      .string()
      .max(500)
      .refine((u) => u.trim().toLowerCase() === 'none' || webLink.safeParse(u).success, { error: 'must be a link starting with https://, or none to remove it' })
      .optional()
      .describe('A new link (https://), or none to remove it'),
    details: z.string().max(1500).optional().describe('A new description, or none to remove it'),
    duration: z.string().max(20).optional().describe('A new length, e.g. 90m'),
    end: z.string().max(60).optional().describe('Or a new end time, e.g. "1:30pm"'),
  },
  positional: ['id'],
  examples: ['/event edit e1a2b --title "CRSS exam prep (room change)" --duration 2h', '/event edit e1a2b --url none'],
  async run(ctx, o) {
    const e = await ctx.services.announce.events.edit(ctx.actor, o.id, { title: o.title, url: o.url, details: o.details, duration: o.duration, end: o.end });
    await ctx.ephemeral({ text: `Event ${e.id} is now **${e.title}**, ${formatSpan(e)}. Its posts${e.native.discord ? ', the Discord event' : ''} and the calendar files were updated.`, tone: 'success' });
  },
});

const feed = defineLeaf({
  name: 'feed',
  description: 'The alliance calendar address: subscribe once, every event appears in your calendar',
  options: {},
  async run(ctx) {
    const { config, announce } = ctx.services;
    const path = await announce.feed.feedPath();
    // Served by the health server and by the dashboard (the same handler): BOT_PUBLIC_URL names the first.
    const base =
      config.BOT_PUBLIC_URL?.replace(/\/$/, '') ?? ctx.services.dashboard?.url ?? (config.HEALTH_PORT ? `http://<the bot's address>:${config.HEALTH_PORT}` : undefined);
    if (!base) return void (await ctx.ephemeral('The calendar feed is served by the bot\'s web server, which is off: leadership sets HEALTH_PORT (and BOT_PUBLIC_URL) or DASHBOARD_PORT to turn it on.'));
    await ctx.ephemeral({
      title: 'Alliance calendar',
      text: `Subscribe to this address in Google Calendar ("From URL"), Outlook ("Subscribe from web") or Apple Calendar:\n${base}${path}\nKeep it within the alliance: anyone with the address can read the event list.`,
    });
  },
});

export default defineCommand({
  name: 'event',
  description: 'Trainings and webinars: upcoming events, RSVPs and reminders',
  subcommands: [add, list, edit, cancel, feed],
  defaultSubcommand: 'list',
  actions: {
    rsvp: {
      async run(ctx, { value }) {
        const { events } = ctx.services.announce;
        const { event, going, count } = await events.toggleRsvp(value, ctx.actor);
        const msg = eventMessage(event, count, ctx.now(), await events.interested(event));
        if (ctx.updateSource) await ctx.updateSource(msg);
        await events.refreshPosts(event.id, ctx.source);
        await ctx.ephemeral(
          going
            ? `You're on the list for **${event.title}** (${formatWhen(new Date(event.at), event.tz)}). You'll get a reminder where the platform allows direct messages. Press the button again to take it back.`
            : `You're no longer on the list for **${event.title}**.`,
        );
      },
    },
  },
});
