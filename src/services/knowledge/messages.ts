// The neutral messages of /cert, built from entries. Every adapter renders these; nothing here knows a platform.
import type { Button, Message } from '../../core/message.js';
import type { Entry } from './schema.js';

export const COMMAND = 'cert';
export const TOPIC_ACTION = 'topic';

const topicButton = (e: Entry): Button => ({ label: e.title, action: { command: COMMAND, action: TOPIC_ACTION, value: e.id } });

/** "Source: ICB fees page (https://…) — verified 2026-11-22", with the confidence when it is not high. */
export function footerOf(e: Entry): string {
  // A source inside this repo (the reference sheet) is named, not linked: a member cannot open a repo path.
  const sources = e.sources.map((s) => (/^https?:/.test(s.url) ? `${s.title} (${s.url})` : s.title)).join('; ');
  const confidence = e.confidence === 'high' ? '' : ` · source confidence: ${e.confidence}`;
  return `${e.sources.length > 1 ? 'Sources' : 'Source'}: ${sources} — verified ${e.verified}${confidence}`;
}

const numbered = (steps: string[]) => steps.map((s, i) => `${i + 1}. ${s}`).join('\n');

export function answerMessage(e: Entry, related: Entry[]): Message {
  return {
    title: e.title,
    text: e.steps?.length ? `${e.answer}\n\n${numbered(e.steps)}` : e.answer,
    fields: e.facts.map((f) => ({ name: f.name, value: f.value })),
    footer: footerOf(e),
    buttons: related.slice(0, 3).map(topicButton),
    tone: 'info',
  };
}

export function unsureMessage(suggestions: Entry[], logged: boolean): Message {
  const lines = [
    "I'm not sure I have a good answer to that, and I'd rather not guess.",
    suggestions.length ? 'One of these topics may help:' : 'Type `/cert` to see the topics I can answer.',
    'For anything about applying, exams or fees, the Illinois Certification Board (ICB) has the final word: [iaodapca.org](https://iaodapca.org).',
  ];
  if (logged) lines.push('_I noted the question (without your name) so leadership can add an answer._');
  return { title: 'Not sure', text: lines.join('\n'), buttons: suggestions.slice(0, 3).map(topicButton), tone: 'warning' };
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
