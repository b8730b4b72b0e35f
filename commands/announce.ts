// /announce: leadership posts now, at a time, or on a schedule, to Slack, Discord or both; lists, edits,
// cancels, previews, and reads the audit log. Every subcommand, the form and its submission are leadership-only.
import { z } from 'zod';
import { defineCommand, defineForm, defineLeaf } from '../src/core/command.js';
import type { Ctx } from '../src/core/context.js';
import { leaderOnly } from '../src/core/guards.js';
import { helpFor } from '../src/core/help.js';
import type { Field, Message } from '../src/core/message.js';
import { CRON_DST_NOTE } from '../src/services/announcements/cron.js';
import type { DeliveryResult } from '../src/services/announcements/delivery.js';
import type { Schedule } from '../src/services/announcements/schedule-model.js';
import { type ComposeInput, renderAnnouncement } from '../src/services/announcements/service.js';
import { TO_CHOICES } from '../src/services/announcements/targets.js';
import { formatWhen } from '../src/services/announcements/when.js';

const text = z.string().describe('The announcement text (quote it)');
const where = {
  to: z.enum(TO_CHOICES).optional().describe('Where to post: both (Slack and Discord), slack, discord or console; default every connected platform'),
  channel: z.array(z.string().max(100)).max(3).optional().describe('A channel other than the announcement channel, e.g. slack:C0123ABCD or discord:1234567890'),
  ping: z.string().max(60).optional().describe('Notify: here, or role:<role id>'),
};
const id = z.string().min(1).max(20).describe('The id shown by /announce list');

async function compose(ctx: Ctx, input: ComposeInput): Promise<void> {
  const { schedule, result } = await ctx.services.announce.announcements.compose(ctx.actor, input);
  if (result !== undefined || input.when.kind === 'now') return void (await ctx.ephemeral(posted(schedule, result)));
  await ctx.ephemeral(scheduled(ctx, schedule, 'Scheduled'));
}

function posted(s: Schedule, result: DeliveryResult | undefined): Message {
  if (!result) return { text: `Announcement ${s.id} was already posted.`, tone: 'info' };
  const where = result.refs.map((r) => `${r.platform} #${r.channelId}`).join(', ');
  const failed = result.failed.map((f) => `${f.platform} (${f.error})`).join(', ');
  if (!failed) return { text: `Posted to ${where}. (id ${s.id}; see /announce log)`, tone: 'success' };
  return { text: `${where ? `Posted to ${where}, but ` : ''}not to ${failed}. It was retried; leadership has been told.`, tone: 'warning' };
}

function scheduled(ctx: Ctx, s: Schedule, verb: string): Message {
  const { announcements } = ctx.services.announce;
  const runs = announcements.nextRuns(s, 5).map((d) => `- ${formatWhen(d, s.tz)}`);
  return {
    title: `${verb}: announcement ${s.id}`,
    text: `${announcements.summary(s)}\n${s.timing.kind === 'cron' ? 'Next 5 runs (Illinois time):' : 'Goes out:'}\n${runs.join('\n')}${s.timing.kind === 'cron' ? `\n${CRON_DST_NOTE}` : ''}`,
    fields: [{ name: 'Text', value: s.text.length > 300 ? `${s.text.slice(0, 300)}…` : s.text }],
    footer: `/announce preview ${s.id} · /announce edit ${s.id} … · /announce cancel ${s.id}`,
    tone: 'success',
  };
}

const composeLeaf = defineLeaf({
  name: 'compose',
  description: 'Open a form to write an announcement and choose when and where it goes',
  options: {},
  async run(ctx) {
    const opened = await ctx.openForm({
      command: 'announce',
      form: 'compose',
      title: 'New announcement',
      submitLabel: 'Schedule',
      fields: [
        { id: 'text', label: 'Text', style: 'paragraph', required: true, maxLength: 2000 },
        { id: 'when', label: 'When (blank = now)', placeholder: 'tomorrow 9am · 2026-12-01 09:00 · every 0 9 * * 1', required: false },
        { id: 'to', label: 'Where: both, slack or discord (blank = all)', placeholder: 'both', required: false },
      ],
    });
    if (!opened) await ctx.ephemeral(helpFor(ctx.commands.find((c) => c.name === 'announce')!, true));
  },
});

const now = defineLeaf({
  name: 'now',
  description: 'Post an announcement now',
  options: { text, ...where },
  positional: ['text'],
  rest: 'text',
  examples: ['/announce now "CEU webinar on ethics, Thursday noon: https://niapp.org/ceu" --to both'],
  run: (ctx, o) => compose(ctx, { text: o.text, when: { kind: 'now' }, to: o.to, channels: o.channel, ping: o.ping }),
});

const at = defineLeaf({
  name: 'at',
  description: 'Post an announcement once, at a time (Illinois time)',
  options: { when: z.string().describe('When: "2026-12-01 09:00", "tomorrow 9am", "next tuesday 14:00", "in 2 hours"'), text, ...where },
  positional: ['when', 'text'],
  rest: 'text',
  examples: ['/announce at "tomorrow 9am" "Peer support training registration closes Friday"'],
  run: (ctx, o) => compose(ctx, { text: o.text, when: { kind: 'at', text: o.when }, to: o.to, channels: o.channel, ping: o.ping }),
});

const every = defineLeaf({
  name: 'every',
  description: 'Post an announcement on a recurring schedule (crontab syntax, Illinois time)',
  options: { cron: z.string().describe('A crontab schedule: minute hour day month weekday, e.g. "0 9 * * 1"'), text, ...where },
  positional: ['cron', 'text'],
  rest: 'text',
  examples: ['/announce every "0 9 * * 1" "Weekly peer check-in, Mondays 10am on Zoom"', `/announce every "0 9 1 * 1" "…" (the 1st OR any Monday, as in crontab). ${CRON_DST_NOTE}`],
  run: (ctx, o) => compose(ctx, { text: o.text, when: { kind: 'every', cron: o.cron }, to: o.to, channels: o.channel, ping: o.ping }),
});

const list = defineLeaf({
  name: 'list',
  description: 'Scheduled announcements still to come',
  options: {},
  async run(ctx) {
    const { announcements, scheduler } = ctx.services.announce;
    const items = await announcements.upcoming();
    if (!items.length) return void (await ctx.ephemeral('No announcements are scheduled. /announce at or /announce every schedules one.'));
    const fields: Field[] = items.slice(0, 20).map((s) => {
      const next = scheduler.nextRun(s.id);
      return { name: s.id, value: `${announcements.summary(s)}${next ? `\nNext: ${formatWhen(next, s.tz)}` : ''}\n${s.text.slice(0, 80)}${s.text.length > 80 ? '…' : ''}` };
    });
    await ctx.ephemeral({ title: `Scheduled announcements (${items.length})`, fields, footer: '/announce preview <id> · /announce cancel <id>' });
  },
});

const cancel = defineLeaf({
  name: 'cancel',
  description: 'Cancel a scheduled announcement',
  options: { id },
  positional: ['id'],
  async run(ctx, o) {
    const s = await ctx.services.announce.announcements.cancel(ctx.actor, o.id);
    await ctx.ephemeral({ text: `Cancelled announcement ${s.id} (${ctx.services.announce.announcements.summary(s)}). Nothing more will be posted for it.`, tone: 'success' });
  },
});

const edit = defineLeaf({
  name: 'edit',
  description: 'Change the text, time or targets of a scheduled announcement',
  options: {
    id,
    text: z.string().optional().describe('New text'),
    at: z.string().optional().describe('New time, e.g. "tomorrow 9am"'),
    every: z.string().optional().describe('New cron schedule, e.g. "0 9 * * 1"'),
    ...where,
  },
  positional: ['id'],
  examples: ['/announce edit a1b2c3 --at "2026-12-02 10:00"', '/announce edit a1b2c3 --text "Updated: the room changed to 204"'],
  async run(ctx, o) {
    const s = await ctx.services.announce.announcements.edit(ctx.actor, o.id, { text: o.text, at: o.at, every: o.every, to: o.to, channels: o.channel, ping: o.ping });
    await ctx.ephemeral(scheduled(ctx, s, 'Changed'));
  },
});

const preview = defineLeaf({
  name: 'preview',
  description: 'Show an announcement as it will be posted, and when',
  options: { id },
  positional: ['id'],
  async run(ctx, o) {
    const s = await ctx.services.announce.announcements.pending(o.id);
    await ctx.ephemeral(renderAnnouncement(s));
    await ctx.ephemeral(scheduled(ctx, s, 'Preview'));
  },
});

const log = defineLeaf({
  name: 'log',
  description: 'Who scheduled, edited, cancelled or posted what, and when',
  options: { id: id.optional() },
  positional: ['id'],
  async run(ctx, o) {
    const entries = await ctx.services.announce.audit.recent(25, o.id?.trim().toLowerCase());
    if (!entries.length) return void (await ctx.ephemeral('The announcement log is empty.'));
    const zone = ctx.services.config.BOT_TIMEZONE;
    const lines = entries.map((e) => `- ${formatWhen(new Date(e.at), zone)} · **${e.action}**${e.scheduleId ? ` ${e.scheduleId}` : ''}${e.actor ? ` by ${e.actor.name} (${e.actor.platform})` : ''}: ${e.summary}`);
    await ctx.ephemeral({ title: 'Announcement log', text: lines.join('\n') });
  },
});

const composeForm = defineForm({
  fields: {
    text: z.string().max(4000),
    when: z.string().max(120).optional(),
    to: z.enum(TO_CHOICES).optional(),
  },
  async run(ctx, v) {
    const w = v.when?.trim();
    const when = !w || /^now$/i.test(w) ? ({ kind: 'now' } as const) : /^every\s+/i.test(w) ? ({ kind: 'every', cron: w.replace(/^every\s+/i, '') } as const) : ({ kind: 'at', text: w } as const);
    await compose(ctx, { text: v.text, when, to: v.to });
  },
});

export default defineCommand({
  name: 'announce',
  description: 'Leadership: post or schedule announcements to Slack and Discord',
  guards: [leaderOnly],
  subcommands: [composeLeaf, now, at, every, list, cancel, edit, preview, log],
  defaultSubcommand: 'compose',
  forms: { compose: composeForm },
});
