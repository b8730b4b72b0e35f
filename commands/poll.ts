// /poll: member polls. `/poll "Question?" "A" "B"` creates one (anonymous by default); votes are button or
// select clicks; leadership reminds, exports and reports. The logic lives in src/services/polls.
import { z } from 'zod';
import { defineCommand, defineForm, defineLeaf } from '../src/core/command.js';
import type { Ctx } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { leaderOnly } from '../src/core/guards.js';
import type { Field, Form, Message } from '../src/core/message.js';
import { parseDuration } from '../src/config.js';
import type { Schedule } from '../src/services/announcements/schedule-model.js';
import { TO_CHOICES } from '../src/services/announcements/targets.js';
import { formatWhen as formatInstant } from '../src/services/announcements/when.js';
import { MAX_DURATION_MS } from '../src/services/polls/schedule.js';
import { describeIssue, parseWords, tokensOf } from '../src/core/options.js';
import { usageLine } from '../src/core/registry.js';
import { MIN_GROUP } from '../src/services/polls/report.js';
import { actorRef } from '../src/services/audit.js';
import { percent } from '../src/services/polls/tally.js';
import { type CreateOptions, toNewPoll } from '../src/services/polls/input.js';
import type { Change } from '../src/services/polls/votes.js';
import { LIMITS, optionSchema, optionsSchema, questionSchema } from '../src/services/polls/model.js';
import { clip, confirmation, formatWhen } from '../src/services/polls/render.js';

const pollId = z.string().min(1).max(20).describe('The poll id shown under the poll, e.g. k3x9qa');

const createOptions = {
  question: questionSchema.optional().describe('The question, in quotes'),
  options: optionsSchema.optional().describe(`The choices, each in quotes (${LIMITS.minOptions} to ${LIMITS.maxOptions})`),
  multi: z.boolean().optional().describe('Members may pick more than one option'),
  max: z.number().int().min(2).max(LIMITS.maxOptions).optional().describe('At most this many choices per member (implies --multi)'),
  public: z.boolean().optional().describe('Record names with votes (anonymous is the default)'),
  closes: z.string().max(60).optional().describe('When it closes, Chicago time: 3d, "friday 5pm" or "2026-12-01 17:00"'),
  hideResults: z.boolean().optional().describe('Hide the tally until the poll closes'),
  comments: z.boolean().optional().describe('Members may add a short comment'),
  everywhere: z.boolean().optional().describe('Post to the announcement channels of every platform, one tally (leadership)'),
};

const create = defineLeaf({
  name: 'create',
  description: 'Create a poll (anonymous unless --public)',
  options: createOptions,
  positional: ['question', 'options'],
  // Typed without quotes, "/poll Unquoted question here Yes No" would become the question "Unquoted".
  unquoted: (words) =>
    words.length > 3 && !words[0]!.endsWith('?')
      ? `Put the question and each option in quotes, so I know where each ends: \`/poll "${clip(words.slice(0, -2).join(' '), 60)}" "${words.at(-2)}" "${words.at(-1)}"\`.`
      : undefined,
  examples: ['/poll "Should we meet monthly?" "Yes" "No"', '/poll create "Top issue for 2027?" "Pay" "Supervision" "Billing" --max 2 --closes "friday 5pm" --everywhere'],
  async run(ctx, o) {
    if (!o.question && !o.options?.length) {
      if (await ctx.openForm(createForm())) return;
      throw new UserError('poll.usage', `Give a question and at least two options, each in quotes: \`/poll "Should we meet monthly?" "Yes" "No"\`.\n${usageLine(poll, create)}`);
    }
    await createPoll(ctx, o);
  },
});

async function createPoll(ctx: Ctx, o: CreateOptions): Promise<void> {
  if (!o.question) throw new UserError('poll.no-question', `The poll needs a question.\n${usageLine(poll, create)}`);
  if (!o.options || o.options.length < LIMITS.minOptions) {
    throw new UserError('poll.few-options', `A poll needs at least ${LIMITS.minOptions} options, each in quotes: \`/poll "${clip(o.question, 40)}" "Yes" "No"\`.`);
  }
  if (o.everywhere && !ctx.actor.isLeader) throw new UserError('poll.everywhere-leaders', 'Only leadership can post a poll --everywhere (to the announcement channels). Leave out --everywhere to poll this channel.');
  const polls = ctx.services.polls;
  const created = await polls.create(toNewPoll({ ...o, question: o.question, options: o.options }, ctx.now(), ctx.services.config.BOT_TIMEZONE), ctx.actor);
  const where = await polls.publish(created, (m) => ctx.reply(m));
  await ctx.ephemeral({
    text: `Poll **${created.id}** is posted in ${where.join(' and ')}. \`/poll results ${created.id}\` shows the tally; \`/poll close ${created.id}\` closes it.`,
    tone: 'success',
  });
}

function createForm(): Form {
  return {
    command: 'poll',
    form: 'create',
    title: 'New member poll',
    submitLabel: 'Post poll',
    fields: [
      { id: 'question', label: 'Question', maxLength: LIMITS.questionChars },
      { id: 'options', label: `Options, one per line (${LIMITS.minOptions}-${LIMITS.maxOptions})`, style: 'paragraph' },
      { id: 'closes', label: 'Closes (Chicago time)', required: false, placeholder: '3d, friday 5pm, 2026-12-01 17:00' },
      { id: 'settings', label: 'Settings (optional)', required: false, placeholder: '--multi --public --hide-results --comments --everywhere' },
    ],
  };
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

const createForm$ = defineForm({
  fields: {
    question: questionSchema,
    options: z.string().transform(lines).pipe(z.array(optionSchema.max(LIMITS.optionChars, `Each option can be at most ${LIMITS.optionChars} characters.`)).min(LIMITS.minOptions, `Give at least ${LIMITS.minOptions} options, one per line.`).max(LIMITS.maxOptions, `Give at most ${LIMITS.maxOptions} options.`)),
    closes: z.string().max(60).optional(),
    settings: z.string().max(200).optional(),
  },
  async run(ctx, values) {
    const flags = values.settings ? parseWords(create, tokensOf(values.settings)) : {};
    const parsed = z.object(create.options).safeParse({ ...flags, question: values.question, options: values.options, closes: values.closes });
    if (!parsed.success) throw new UserError('options.invalid', parsed.error.issues.map((i) => describeIssue(create, i)).join(' '));
    await createPoll(ctx, parsed.data as CreateOptions);
  },
});

const byId = (name: string, description: string, run: (ctx: Ctx, id: string) => Promise<void>, extra: { guards?: typeof leaderOnly[] } = {}) =>
  defineLeaf({ name, description, options: { id: pollId }, positional: ['id'], examples: [`/poll ${name} k3x9qa`], ...extra, run: (ctx, o) => run(ctx, o.id) });

const results = byId('results', 'Show the current tally of a poll (privately)', async (ctx, id) => {
  await ctx.ephemeral(await ctx.services.polls.results(id, ctx.actor));
});

const close = byId('close', 'Close a poll now (its creator or leadership)', async (ctx, id) => {
  const { poll: closed, tally } = await ctx.services.polls.close(id, ctx.actor);
  await ctx.ephemeral({ text: `Poll **${closed.id}** is closed with ${tally.voters} voter${tally.voters === 1 ? '' : 's'}; the final results are posted where it ran.`, tone: 'success' });
  // Recorded after the answer, so the member is not kept waiting by it.
  await ctx.services.announce.audit.add({ actor: actorRef(ctx.actor), action: 'poll-closed', scheduleId: closed.id, summary: `poll "${clip(closed.question, 60)}" closed with ${tally.voters} voter(s)` });
});

const list = defineLeaf({
  name: 'list',
  description: 'List the open polls',
  options: {},
  async run(ctx) {
    const open = await ctx.services.polls.listOpen();
    if (!open.length) return void (await ctx.ephemeral('There are no open polls right now.'));
    const zone = ctx.services.config.BOT_TIMEZONE;
    await ctx.ephemeral({
      title: 'Open polls',
      text: open
        .sort((a, b) => a.poll.createdAt.localeCompare(b.poll.createdAt))
        .map(({ poll: p, voters }) => `- \`${p.id}\` ${clip(p.question, 100)} — ${voters} voter${voters === 1 ? '' : 's'}${p.closesAt ? `, closes ${formatWhen(p.closesAt, zone)}` : ''}`)
        .join('\n'),
    });
  },
});

const remind = byId('remind', 'Privately remind members who have not voted', async (ctx, id) => {
  await ctx.defer({ ephemeral: true });
  const polls = ctx.services.polls;
  const p = await polls.get(id);
  if (p.closedAt) throw new UserError('poll.closed', `Poll ${p.id} is closed; there is nothing to remind about.`);
  const r = await polls.outreach.remind(p, polls.keysOf(p), await polls.postsOf(p.id));
  const { voters } = await polls.tally(p.id);
  await ctx.services.announce.audit.add({ actor: actorRef(ctx.actor), action: 'poll-reminded', scheduleId: p.id, summary: `poll reminder: ${r.reminded} reminded, ${voters} had voted` });
  const parts = [`Reminded ${r.reminded} member${r.reminded === 1 ? '' : 's'} privately; ${voters} ${voters === 1 ? 'member has' : 'members have'} already voted and ${voters === 1 ? 'was' : 'were'} not contacted.`];
  if (r.unreachable) parts.push(`${r.unreachable} could not be reached (direct messages closed).`);
  if (r.notListable.length) parts.push(`On ${r.notListable.join(', ')} the bot cannot list channel members, so nobody there was reminded.`);
  await ctx.ephemeral({ text: parts.join(' '), tone: 'success' });
}, { guards: [leaderOnly] });

const exportLeaf = byId('export', 'Download the votes (CSV) and the advocacy report (PDF, and Markdown)', async (ctx, id) => {
  await ctx.defer({ ephemeral: true });
  const polls = ctx.services.polls;
  const p = await polls.get(id);
  if (!p.closedAt && p.hideResults) throw new UserError('poll.hidden', `Poll ${p.id} hides its results until it closes, so it cannot be exported yet. Close it first with \`/poll close ${p.id}\`.`);
  const { model, files } = await polls.exportOf(p.id);
  const anonymousOpen = !p.public && !p.closedAt;
  await ctx.services.announce.audit.add({ actor: actorRef(ctx.actor), action: 'poll-exported', scheduleId: p.id, summary: `poll "${clip(p.question, 60)}" exported (${model.responded} voter(s))` });
  await ctx.ephemeral({
    text: [
      `Poll **${p.id}**: ${model.responded} voter${model.responded === 1 ? '' : 's'}. ${p.public ? 'The CSV has one row per member, one column per option.' : anonymousOpen ? 'The poll is anonymous and still open, so the export holds the counts only; ballots and comments come once it closes.' : 'The CSV has one row per ballot and nothing that points at a member (anonymous poll).'} The report (PDF, and Markdown to edit) is ready to share.`,
      ...(model.results ? model.results.map((r) => `- ${r.option}: ${r.count === null ? `withheld (a group under ${MIN_GROUP})` : `${percent(r.count, model.responded)}% (${r.count})`}`) : [`_Fewer than ${MIN_GROUP} responses: the report does not show the results._`]),
    ].join('\n'),
    attachments: files,
  });
}, { guards: [leaderOnly] });

const comment = defineLeaf({
  name: 'comment',
  description: 'Add a short comment to a poll that takes comments',
  options: { id: pollId, text: z.string().trim().min(1).max(LIMITS.commentChars).describe('Your comment') },
  positional: ['id', 'text'],
  rest: 'text',
  examples: ['/poll comment k3x9qa "Supervision hours should be paid."'],
  async run(ctx, o) {
    await ctx.services.polls.comment(o.id, ctx.actor, o.text);
    await ctx.ephemeral({ text: 'Your comment is saved (it replaces any earlier comment of yours on this poll).', tone: 'success' });
  },
});


// Scheduled and recurring polls (leadership): posted to the announcement channels through the scheduler's outbox.
const durationSchema = z.string().max(20).describe('How long each poll stays open: 3d, 12h, 1w');
const toDuration = (text: string): number => {
  const ms = parseDuration(text);
  if (ms === undefined || ms < 60_000 || ms > MAX_DURATION_MS) throw new UserError('poll.bad-duration', `"${text.slice(0, 20)}" is not a duration between 1 minute and 366 days. Write it like \`--open 3d\`, \`--open 12h\` or \`--open 1w\`.`);
  return ms;
};
const scheduleId = z.string().min(1).max(20).describe('The id shown by /poll schedules');

function scheduledMessage(ctx: Ctx, s: Schedule, verb: string): Message {
  const ps = ctx.services.pollSchedules;
  const runs = ps.nextRuns(s, 5).map((d) => `- ${formatInstant(d, s.tz)}`);
  return {
    title: `${verb}: poll ${s.id}`,
    text: `${ps.summary(s)}\n${s.timing.kind === 'cron' ? 'Next 5 runs (Illinois time):' : 'Goes out:'}\n${runs.join('\n')}`,
    fields: [{ name: 'Question', value: clip(s.text, 300) }],
    footer: `/poll schedule-preview ${s.id} · /poll schedule-edit ${s.id} … · /poll schedule-cancel ${s.id}`,
    tone: 'success',
  };
}

const scheduleLeaf = defineLeaf({
  name: 'schedule',
  description: 'Post a poll later, or on a schedule, to the announcement channels (leadership)',
  options: {
    question: questionSchema.describe('The question, in quotes'),
    options: optionsSchema.describe(`The choices, each in quotes (${LIMITS.minOptions} to ${LIMITS.maxOptions})`),
    at: z.string().max(60).optional().describe('Once, at this time (Illinois): "2026-12-07 09:00", "monday 9am"'),
    every: z.string().max(120).optional().describe('Recurring, on a cron schedule: "0 9 * * 1" is every Monday 9am'),
    open: durationSchema,
    max: createOptions.max,
    multi: createOptions.multi,
    public: createOptions.public,
    hideResults: createOptions.hideResults,
    comments: createOptions.comments,
    to: z.enum(TO_CHOICES).optional().describe('Where: both, slack, discord or console; default every connected platform'),
    channel: z.array(z.string().max(100)).max(3).optional().describe('A channel other than the announcement channel, e.g. slack:C0123ABCD'),
  },
  positional: ['question', 'options'],
  examples: ['/poll schedule "How are you doing this month?" "Great" "OK" "Struggling" --every "0 9 * * 1" --open 3d', '/poll schedule "Meet in person in January?" "Yes" "No" --at "2026-12-07 09:00" --open 1w'],
  guards: [leaderOnly],
  async run(ctx, o) {
    if (Boolean(o.at) === Boolean(o.every)) throw new UserError('poll.schedule-when', 'Say when with exactly one of `--at "2026-12-07 09:00"` (once) or `--every "0 9 * * 1"` (recurring, cron, Illinois time).');
    const s = await ctx.services.pollSchedules.schedule(ctx.actor, {
      plan: { question: o.question, options: o.options, maxChoices: o.max ?? (o.multi ? o.options.length : 1), public: Boolean(o.public), hideResults: Boolean(o.hideResults), comments: Boolean(o.comments), durationMs: toDuration(o.open) },
      when: o.at ? { kind: 'at', text: o.at } : { kind: 'every', cron: o.every! },
      to: o.to,
      channels: o.channel,
    });
    await ctx.ephemeral(scheduledMessage(ctx, s, 'Scheduled'));
  },
});

const schedulesLeaf = defineLeaf({
  name: 'schedules',
  description: 'Scheduled polls still to come (leadership)',
  options: {},
  guards: [leaderOnly],
  async run(ctx) {
    const ps = ctx.services.pollSchedules;
    const items = await ps.upcoming();
    if (!items.length) return void (await ctx.ephemeral('No polls are scheduled. `/poll schedule` schedules one.'));
    const fields: Field[] = items.slice(0, 20).map((s) => {
      const next = ctx.services.announce.scheduler.nextRun(s.id);
      return { name: s.id, value: `${ps.summary(s)}${next ? `\nNext: ${formatInstant(next, s.tz)}` : ''}\n${clip(s.text, 80)}` };
    });
    await ctx.ephemeral({ title: `Scheduled polls (${items.length})`, fields, footer: '/poll schedule-preview <id> · /poll schedule-cancel <id>' });
  },
});

const scheduleEdit = defineLeaf({
  name: 'schedule-edit',
  description: 'Change the time, duration, question or options of a scheduled poll (leadership)',
  options: {
    id: scheduleId,
    at: z.string().max(60).optional().describe('New time, once'),
    every: z.string().max(120).optional().describe('New cron schedule'),
    open: durationSchema.optional(),
    question: questionSchema.optional().describe('New question'),
    options: optionsSchema.optional().describe('New choices, each in quotes'),
  },
  positional: ['id'],
  examples: ['/poll schedule-edit a1b2c3 --open 5d', '/poll schedule-edit a1b2c3 --at "2026-12-08 09:00"'],
  guards: [leaderOnly],
  async run(ctx, o) {
    const s = await ctx.services.pollSchedules.edit(ctx.actor, o.id, { at: o.at, every: o.every, durationMs: o.open ? toDuration(o.open) : undefined, question: o.question, options: o.options });
    await ctx.ephemeral(scheduledMessage(ctx, s, 'Changed'));
  },
});

const scheduleCancel = defineLeaf({
  name: 'schedule-cancel',
  description: 'Cancel a scheduled poll (leadership)',
  options: { id: scheduleId },
  positional: ['id'],
  guards: [leaderOnly],
  async run(ctx, o) {
    const ps = ctx.services.pollSchedules;
    const s = await ps.cancel(ctx.actor, o.id);
    await ctx.ephemeral({ text: `Cancelled scheduled poll ${s.id} (${ps.summary(s)}). No more polls will be posted for it; polls already posted stay open until they close.`, tone: 'success' });
  },
});

const schedulePreview = defineLeaf({
  name: 'schedule-preview',
  description: 'Show a scheduled poll as members will see it, and when (leadership)',
  options: { id: scheduleId },
  positional: ['id'],
  guards: [leaderOnly],
  async run(ctx, o) {
    const ps = ctx.services.pollSchedules;
    const s = await ps.pending(o.id);
    const preview = ps.preview(s);
    delete preview.buttons;
    delete preview.select;
    await ctx.ephemeral(preview);
    await ctx.ephemeral(scheduledMessage(ctx, s, 'Preview'));
  },
});

const poll = defineCommand({
  name: 'poll',
  description: 'Member polls: anonymous by default, one tally across Slack and Discord',
  subcommands: [create, results, close, list, remind, exportLeaf, comment, scheduleLeaf, schedulesLeaf, scheduleEdit, scheduleCancel, schedulePreview],
  defaultSubcommand: 'create',
  actions: {
    vote: {
      async run(ctx, { value }) {
        const [id = '', index = ''] = value.split(':');
        const polls = ctx.services.polls;
        const p = await polls.get(id);
        const choice = Number(index);
        const change: Change = p.maxChoices > 1 ? { kind: 'toggle', choice } : { kind: 'set', choices: [choice] };
        const { choices } = await polls.vote(id, ctx.actor, change, ctx.source && { ref: ctx.source, edit: ctx.updateSource });
        await ctx.ephemeral(confirmation(p, choices));
      },
    },
    pick: {
      async run(ctx, { value, values }) {
        const polls = ctx.services.polls;
        const { poll: p, choices } = await polls.vote(value, ctx.actor, { kind: 'set', choices: values.map(Number) }, ctx.source && { ref: ctx.source, edit: ctx.updateSource });
        await ctx.ephemeral(confirmation(p, choices));
      },
    },
    comment: {
      async run(ctx, { value }) {
        const p = await ctx.services.polls.get(value);
        if (p.closedAt) throw new UserError('poll.closed', 'This poll is closed, so it takes no more comments.');
        const form: Form = { command: 'poll', form: 'comment', state: p.id, title: 'Comment on the poll', submitLabel: 'Save comment', fields: [{ id: 'comment', label: 'Your comment (anonymous unless public)', style: 'paragraph', maxLength: LIMITS.commentChars }] };
        if (await ctx.openForm(form)) return;
        await ctx.ephemeral(`Type \`/poll comment ${p.id} "your comment"\` (up to ${LIMITS.commentChars} characters).`);
      },
    },
  },
  forms: {
    create: createForm$,
    comment: defineForm({
      fields: { comment: z.string().trim().min(1).max(LIMITS.commentChars) },
      async run(ctx, values, state) {
        const p = await ctx.services.polls.comment(state ?? '', ctx.actor, values.comment);
        await ctx.ephemeral({ text: `Your comment on "${clip(p.question, 60)}" is saved.`, tone: 'success' });
      },
    }),
  },
});

export default poll;
