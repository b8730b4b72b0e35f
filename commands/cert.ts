// /cert: certification Q&A from the curated knowledge base in data/knowledge. Answers are private (ephemeral):
// questions about one's own certification are personal, and a channel does not need everyone's lookups.
import { z } from 'zod';
import { defineCommand, defineLeaf } from '../src/core/command.js';
import type { Ctx } from '../src/core/context.js';
import { UserError } from '../src/core/errors.js';
import { leaderOnly } from '../src/core/guards.js';
import { crisisMessage } from '../src/services/knowledge/crisis.js';
import { CHECKLIST_IDS, COMPARE_ID } from '../src/services/knowledge/index.js';
import { TOPIC_ACTION, answerMessage, checklistMessage, topicsMessage, unsureMessage } from '../src/services/knowledge/messages.js';

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
  await ctx.ephemeral(answerMessage(entry, k.related(entry)));
}

const ask = defineLeaf({
  name: 'ask',
  description: 'Ask a certification question in your own words',
  options: { question: z.string().max(500, 'Please keep the question under 500 characters.').optional().describe('Your question, e.g. how much is the exam') },
  positional: ['question'],
  rest: 'question',
  examples: ['/cert how do i become a crss', '/cert cprs hrs?', '/cert how much is the test'],
  async run(ctx, { question }) {
    if (!question?.trim()) return showTopics(ctx);
    const k = ctx.services.knowledge;
    const outcome = await k.ask(question);
    if (outcome.kind === 'crisis') {
      // First, privately, before anything else.
      await ctx.ephemeral(crisisMessage());
      if (outcome.followUp) await ctx.ephemeral(answerMessage(outcome.followUp, k.related(outcome.followUp)));
      return;
    }
    if (outcome.kind === 'answer') return void (await ctx.ephemeral(answerMessage(outcome.entry, k.related(outcome.entry))));
    await ctx.ephemeral(unsureMessage(outcome.suggestions, outcome.logged));
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
    const rows = await ctx.services.knowledge.unanswered.frequent(from);
    if (!rows.length) return void (await ctx.ephemeral(`No unanswered questions since ${day}.`));
    await ctx.ephemeral({
      title: `Unanswered questions since ${day}`,
      text: rows.map((r) => `- **${r.count}×** ${r.text.replace(/[*_`[\]]/g, '')}`).join('\n'),
      footer: 'Question text only; no names are kept. Add or improve an entry in data/knowledge, then /cert reload.',
    });
  },
});

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
  subcommands: [ask, topics, compare, checklist, unanswered, reload],
  defaultSubcommand: 'ask',
  actions: {
    [TOPIC_ACTION]: { run: (ctx, { value }) => showEntry(ctx, value) },
  },
});
