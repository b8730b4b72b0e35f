// The neutral messages of /cert, built from entries. Every adapter renders these; nothing here knows a platform.
import { ASK_CAP } from './ask-cap.js';
import type { Button, Message } from '../../core/message.js';
import type { Entry, LoadProblem } from './schema.js';

export const COMMAND = 'cert';
export const TOPIC_ACTION = 'topic';
/** A one-tap teach from /cert unanswered; its value is `<question id>.<entry id>` (no question text). */
export const TEACH_ACTION = 'teach';

const topicButton = (e: Entry): Button => ({ label: e.title, action: { command: COMMAND, action: TOPIC_ACTION, value: e.id } });

/** "Source: ICB fees page (https://…) — verified 2026-11-22", with the confidence when it is not high. */
export function footerOf(e: Entry): string {
  // A source inside this repo (the reference sheet) is named, not linked: a member cannot open a repo path.
  const sources = e.sources.map((s) => (/^https?:/.test(s.url) ? `${s.title} (${s.url})` : s.title)).join('; ');
  const confidence = e.confidence === 'high' ? '' : ` · source confidence: ${e.confidence}`;
  return `${e.sources.length > 1 ? 'Sources' : 'Source'}: ${sources} — verified ${e.verified}${confidence}`;
}

const numbered = (steps: string[]) => steps.map((s, i) => `${i + 1}. ${s}`).join('\n');

/** Past its review-by date, an answer says when it was last verified. */
export function staleNote(e: Entry, now: Date): string | undefined {
  if (now.toISOString().slice(0, 10) <= e.reviewBy) return undefined;
  return `_This answer was last verified on ${e.verified} and is due for review; please confirm with ICB (iaodapca.org)._`;
}

export function answerMessage(e: Entry, related: Entry[], now?: Date): Message {
  const body = e.steps?.length ? `${e.answer}\n\n${numbered(e.steps)}` : e.answer;
  const stale = now && staleNote(e, now);
  return {
    title: e.title,
    text: stale ? `${body}\n\n${stale}` : body,
    fields: e.facts.map((f) => ({ name: f.name, value: f.value })),
    footer: footerOf(e),
    buttons: related.slice(0, 3).map(topicButton),
    tone: 'info',
  };
}

export function unsureMessage(suggestions: Entry[], logged: boolean, capped = false): Message {
  const lines = [
    "I'm not sure I have a good answer to that, and I'd rather not guess.",
    suggestions.length ? 'One of these topics may help:' : 'Type `/cert` to see the topics I can answer.',
    'For anything about applying, exams or fees, the Illinois Certification Board (ICB) has the final word: [iaodapca.org](https://iaodapca.org).',
  ];
  if (logged) lines.push('_I noted the question (without your name) so leadership can add an answer._');
  else if (capped) lines.push(`_I did not note this question for leadership: you have already sent ${ASK_CAP} questions I could not answer in the last 30 days, and that is as many as I keep from one member. Leadership can still be asked directly._`);
  return { title: 'Not sure', text: lines.join('\n'), buttons: suggestions.slice(0, 3).map(topicButton), tone: 'warning' };
}

/** Two entries fit and their answers differ: one tap on the right one shows it. */
export function askBackMessage(entries: Entry[]): Message {
  return {
    title: 'Which one do you mean?',
    text: 'The answer is different for each. Tap the one you mean:',
    buttons: entries.slice(0, 5).map(topicButton),
    tone: 'info',
  };
}

const clean = (s: string) => s.replace(/[*_`[\]]/g, '');

/** /cert unanswered: the questions, numbered, with "teach" buttons for the first five. */
export function unansweredMessage(
  day: string,
  groups: { text: string; count: number; suggestions: { id: string; title: string }[] }[],
  idOf: (text: string) => string,
): Message {
  const buttons: Button[] = groups.slice(0, 5).flatMap((g, i) =>
    g.suggestions.slice(0, 3).map((s) => ({ label: `#${i + 1} → ${s.title}`.slice(0, 75), action: { command: COMMAND, action: TEACH_ACTION, value: `${idOf(g.text)}.${s.id}` } })),
  );
  return {
    title: `Unanswered questions since ${day}`,
    text: groups.map((g, i) => `${i + 1}. **${g.count}×** ${clean(g.text)}`).join('\n'),
    footer: 'Question text only; no names are kept. Tap "#n → entry" to teach question n to that entry (all replicas, at once), or `/cert teach "<question>" <entry-id>`.',
    buttons,
  };
}

export function reloadProblemsMessage(problems: LoadProblem[], kept: string[]): Message {
  const lines = problems.slice(0, 15).map((p) => `- \`${p.path}\` — ${p.field}: ${p.message}`);
  if (problems.length > 15) lines.push(`- … and ${problems.length - 15} more (see the log)`);
  return {
    title: 'Knowledge base: files that did not load',
    text: `${problems.length} problem(s) on the last reload.${kept.length ? ` ${kept.length} file(s) keep their last good version in service.` : ''}\n${lines.join('\n')}`,
    footer: 'Fix the file(s) in data/knowledge; the bot reloads by itself (or /cert reload).',
    tone: 'warning',
  };
}

export function checklistMessage(e: Entry): Message {
  return {
    title: e.title,
    text: `${e.answer}\n\n${numbered(e.steps ?? [])}`,
    footer: footerOf(e),
    buttons: [],
    tone: 'info',
  };
}

export function topicsMessage(groups: Map<string, Entry[]>, featured: Entry[]): Message {
  return {
    title: 'Certification Q&A: what I can answer',
    text: [
      'Ask in your own words, e.g. `/cert how much is the exam`, `/cert cprs hours`, `/cert do i need a degree`.',
      'Also: `/cert compare` (CRSS vs CPRS) and `/cert checklist crss` or `/cert checklist cprs` (the steps to apply).',
      'Answers are private to you.',
    ].join('\n'),
    fields: [...groups].slice(0, 10).map(([topic, entries]) => ({
      name: topic,
      value: entries.map((e) => e.title).join(' · ').slice(0, 1000),
    })),
    buttons: featured.slice(0, 5).map(topicButton),
    footer: 'Facts come from IDHS, ICB and other public sources, each with the date it was last checked. Fees and hours change: confirm with ICB (iaodapca.org).',
  };
}
