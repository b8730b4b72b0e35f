// /cert: certification Q&A from the curated knowledge base in data/knowledge. Answers are private (ephemeral):
// questions about one's own certification are personal, and a channel does not need everyone's lookups.
import { z } from 'zod';
import { defineCommand, defineLeaf } from '../src/core/command.js';
import type { Ctx } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { leaderOnly } from '../src/core/guards.js';
import { CHECKLIST_IDS, COMPARE_ID } from '../src/services/knowledge/index.js';
import { CONFIDENCE_THRESHOLD } from '../src/services/knowledge/search.js';
import { REMINDER, crisisMessage, detect, withoutCrisis } from '../src/services/safety/index.js';
import {
  TEACH_ACTION,
  TOPIC_ACTION,
  answerMessage,
  askBackMessage,
  checklistMessage,
  topicsMessage,
  unansweredMessage,
  unsureMessage,
} from '../src/services/knowledge/messages.js';
import { questionId } from '../src/services/knowledge/unanswered.js';

const DAY = 24 * 3600 * 1000;

async function showTopics(ctx: Ctx): Promise<void> {
  const k = ctx.services.knowledge;
  if (!k.entries.length) throw new UserError('cert.empty', 'The certification knowledge base is empty right now. Please ask a leader, or see [iaodapca.org](https://iaodapca.org).');
  await ctx.ephemeral(topicsMessage(k.topics(), k.featured()));
}

async function showEntry(ctx: Ctx, id: string): Promise<void> {
  const k = ctx.services.knowledge;
  const entry = k.get(id);
  if (!entry) throw new UserError('cert.unknown-topic', 'That topic is no longer in the knowledge base. Type `/cert` to see the current topics.');
  await ctx.ephemeral(answerMessage(entry, k.related(entry), ctx.now()));
}

const by = (ctx: Ctx) => ({ id: ctx.actor.id, name: ctx.actor.name, platform: ctx.actor.platform });

const ask = defineLeaf({
  name: 'ask',
  description: 'Ask a certification question in your own words',
  options: { question: z.string().max(500, 'Please keep the question under 500 characters.').optional().describe('Your question, e.g. how much is the exam') },
  positional: ['question'],
  rest: 'question',
  examples: ['/cert how do i become a crss', '/cert cprs hrs?', '/cert how much is the test'],
  // The crisis message was already sent by the registry's guard; the certification part is still answered.
  screened: 'run',
  async run(ctx, { question }) {
    const k = ctx.services.knowledge;
    if (ctx.flagged) {
      // Nothing is stored or logged: no ask(), only a confident answer to the rest of the message, if any.
      const best = question ? k.best(withoutCrisis(question)) : undefined;
      if (best && best.confidence >= CONFIDENCE_THRESHOLD) await ctx.ephemeral(answerMessage(best.entry, k.related(best.entry)));
      return;
    }
    if (!question?.trim()) return showTopics(ctx);
    const outcome = await k.ask(question, { platform: ctx.actor.platform, id: ctx.actor.id });
    if (outcome.kind === 'crisis') {
      // The registry's guard normally answers first; this is the net under the net.
      await ctx.ephemeral(crisisMessage(detect(question)));
      if (outcome.followUp) await ctx.ephemeral(answerMessage(outcome.followUp, k.related(outcome.followUp)));
      return;
    }
    if (outcome.kind === 'answer') {
      const answer = answerMessage(outcome.entry, k.related(outcome.entry), ctx.now());
      // A question touching suicide, self-harm or overdose (a training, a service) gets a one-line reminder.
      if (detect(question).topic) answer.footer = `${answer.footer ?? ''}\n${REMINDER}`.trim();
      return void (await ctx.ephemeral(answer));
    }
    if (outcome.kind === 'ask') return void (await ctx.ephemeral(askBackMessage(outcome.entries)));
    await ctx.ephemeral(unsureMessage(outcome.suggestions, outcome.logged, outcome.capped));
  },
});

const topics = defineLeaf({
  name: 'topics',
  description: 'List the topics the certification Q&A can answer',
  options: {},
  run: showTopics,
});

const compare = defineLeaf({
  name: 'compare',
  description: 'CRSS and CPRS side by side',
  options: { about: z.string().max(200).optional().describe('Optional words after compare (ignored: the comparison is always CRSS vs CPRS)') },
  positional: ['about'],
  rest: 'about',
  run: (ctx) => showEntry(ctx, COMPARE_ID),
});

const checklist = defineLeaf({
  name: 'checklist',
  description: 'The steps to apply for a credential, in order',
  // A plain string, not an enum: members type "CRSS" as often as "crss".
  options: { credential: z.string().max(20).describe('Which credential: crss or cprs') },
  positional: ['credential'],
  examples: ['/cert checklist crss', '/cert checklist cprs'],
  async run(ctx, opts) {
    const credential = opts.credential.trim().toLowerCase();
    if (credential !== 'crss' && credential !== 'cprs') {
      throw new UserError('cert.checklist-credential', `There is a checklist for **crss** and for **cprs**. Type \`/cert checklist crss\` or \`/cert checklist cprs\`.`);
    }
    const entry = ctx.services.knowledge.get(CHECKLIST_IDS[credential]);
    if (!entry?.steps?.length) throw new UserError('cert.no-checklist', `There is no ${credential.toUpperCase()} checklist in the knowledge base right now. See [iaodapca.org](https://iaodapca.org).`);
    await ctx.ephemeral(checklistMessage(entry));
  },
});

const unanswered = defineLeaf({
  name: 'unanswered',
  description: 'The most frequent questions the bot could not answer (text only, no names)',
  options: {
    since: z
      .string()
      // One check, one message ("tomorrow" used to get both the format and the real-date message run together).
      .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a date written YYYY-MM-DD, e.g. 2026-11-01')
      .optional()
      .describe('Only questions asked on or after this date (YYYY-MM-DD); default the last 30 days'),
  },
  guards: [leaderOnly],
  examples: ['/cert unanswered', '/cert unanswered --since 2026-11-01'],
  async run(ctx, { since }) {
    const from = since ? new Date(`${since}T00:00:00Z`) : new Date(ctx.now().getTime() - 30 * DAY);
    const day = from.toISOString().slice(0, 10);
    const groups = await ctx.services.knowledge.unansweredGroups(from);
    const crisis = crisisLine(await ctx.services.crisis.daily(7));
    if (!groups.length) return void (await ctx.ephemeral(`No unanswered questions since ${day}.\n${crisis}`));
    const message = unansweredMessage(day, groups, questionId);
    message.text = `${message.text ?? ''}\n\n${crisis}`.trim();
    await ctx.ephemeral(message);
  },
});

const teach = defineLeaf({
  name: 'teach',
  description: 'Teach the bot a member phrasing for an entry (all replicas, at once)',
  options: {
    question: z.string().trim().min(2, 'Give the question in quotes, as members ask it.').max(300, 'Please keep the question under 300 characters.').describe('The question as members ask it, in quotes'),
    entry: z.string().trim().min(2).max(60).describe('The entry id that answers it, e.g. exam-fee (see /cert topics)'),
  },
  positional: ['question', 'entry'],
  guards: [leaderOnly],
  examples: ['/cert teach "crss exm fee" exam-fee', '/cert teach "how long is the cert good for" renewal'],
  async run(ctx, { question, entry }) {
    await ctx.services.knowledge.teach(question, entry, by(ctx));
    const e = ctx.services.knowledge.get(entry.trim())!;
    await ctx.ephemeral({ title: 'Taught', text: `"${question.replace(/[*_`[\]]/g, '')}" now gets **${e.title}** (\`${e.id}\`), on every replica.`, tone: 'success' });
  },
});

/** One tap on a "#n → entry" button of /cert unanswered: its value is `<question id>.<entry id>`. */
async function teachFromButton(ctx: Ctx, value: string): Promise<void> {
  if (!ctx.actor.isLeader) throw new UserError('cert.leaders-only', 'Only NIAPP leadership can teach the bot.');
  const [qid, entryId] = [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)];
  const k = ctx.services.knowledge;
  const group = (await k.unanswered.frequent(new Date(ctx.now().getTime() - 366 * DAY), 10_000)).find((g) => questionId(g.text) === qid);
  if (!group || !entryId) throw new UserError('cert.teach-gone', 'That question is no longer in the unanswered list. Type `/cert unanswered` for the current one.');
  await k.teach(group.text, entryId, by(ctx));
  await ctx.ephemeral({ title: 'Taught', text: `"${group.text.replace(/[*_`[\]]/g, '')}" now gets \`${entryId}\`, on every replica.`, tone: 'success' });
}

/** The crisis net's daily count: numbers only (crisis messages are never stored, so they are never listed). */
function crisisLine(days: { day: string; count: number }[]): string {
  const total = days.reduce((n, d) => n + d.count, 0);
  const perDay = days.map((d) => `${d.day.slice(5)}: ${d.count}`).join(' · ');
  return `**Crisis answers (988 shown), last ${days.length} days: ${total}** — ${perDay}. Their words are never kept, so they are not listed here.`;
}

const reload = defineLeaf({
  name: 'reload',
  description: 'Reload the knowledge base from its files',
  options: {},
  guards: [leaderOnly],
  async run(ctx) {
    const { count, problems } = await ctx.services.knowledge.reload();
    const lines = problems.slice(0, 15).map((p) => `- \`${p.path}\` — ${p.field}: ${p.message}`);
    if (problems.length > 15) lines.push(`- … and ${problems.length - 15} more (see the log)`);
    await ctx.ephemeral({
      title: 'Knowledge base reloaded',
      text: `${count} entries loaded.${problems.length ? `\n${problems.length} problem(s); those files were skipped or corrected:\n${lines.join('\n')}` : ' No problems.'}`,
      tone: problems.length ? 'warning' : 'success',
    });
  },
});

export default defineCommand({
  name: 'cert',
  description: 'Certification Q&A: CRSS, CPRS, CHW, exams, fees, renewal — with sources',
  subcommands: [ask, topics, compare, checklist, unanswered, teach, reload],
  defaultSubcommand: 'ask',
  actions: {
    [TOPIC_ACTION]: { run: (ctx, { value }) => showEntry(ctx, value) },
    [TEACH_ACTION]: { guards: [leaderOnly], run: (ctx, { value }) => teachFromButton(ctx, value) },
  },
});
