// The neutral poll message: question, options as buttons (a select for more than 5), a text bar per option
// unless results are hidden, the number of voters, the closing time in the bot's zone, and the poll id.
import { DateTime } from 'luxon';
import type { Button, Message } from '../../core/message.js';
import { isOpen, type Poll } from './model.js';
import { type Tally, bar, percent } from './tally.js';
import { clip } from '../../core/text.js';

/** Options up to this many are buttons; more become a select (Discord allows 5 buttons a row). */
export const MAX_BUTTONS = 5;
/** Slack cuts button and select-option text at 75 characters; Discord at 80/100. */
const LABEL_CHARS = 75;

export { clip };

/** "Fri Nov 27, 5:00 PM CST" in the bot's zone. */
export function formatWhen(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('ccc LLL d, h:mm a ZZZZ');
}

export function choicesText(poll: Poll, choices: number[]): string {
  return choices.length ? choices.map((c) => `**${poll.options[c] ?? '?'}**`).join(', ') : 'nothing';
}

/** The lines "1. Option — ███░░ 30% (3)"; without numbers when results are hidden. */
export function resultLines(poll: Poll, tally: Tally, hidden: boolean): string[] {
  return poll.options.map((option, i) => {
    if (hidden) return `${i + 1}. ${option}`;
    const n = tally.counts[i] ?? 0;
    return `${i + 1}. ${option}\n\`${bar(n, tally.voters)}\` ${percent(n, tally.voters)}% (${n})`;
  });
}

export function pollMessage(poll: Poll, tally: Tally, zone: string): Message {
  const open = isOpen(poll);
  const hidden = open && poll.hideResults;
  const kind = [poll.public ? 'Public: names are visible to leadership' : 'Anonymous', poll.maxChoices > 1 ? `pick up to ${poll.maxChoices}` : 'pick one'];
  const lines = [`**${poll.question}**`, `_${kind.join(' · ')}_`, '', ...resultLines(poll, tally, hidden)];
  if (hidden) lines.push('', '_Results are hidden until the poll closes._');
  const when = open
    ? poll.closesAt ? `Closes ${formatWhen(poll.closesAt, zone)}` : 'Open until its creator or a leader closes it'
    : `Closed ${formatWhen(poll.closedAt!, zone)}`;
  const msg: Message = {
    title: open ? 'Member poll' : 'Member poll — final results',
    text: lines.join('\n'),
    footer: `${tally.voters} voter${tally.voters === 1 ? '' : 's'} · ${when} · Poll ${poll.id}`,
    tone: open ? 'info' : 'success',
  };
  if (!open) return msg;
  const buttons: Button[] = [];
  if (poll.options.length <= MAX_BUTTONS) {
    poll.options.forEach((option, i) =>
      buttons.push({ label: clip(`${i + 1}. ${option}`, LABEL_CHARS), action: { command: 'poll', action: 'vote', value: `${poll.id}:${i}` } }),
    );
  } else {
    msg.select = {
      placeholder: poll.maxChoices > 1 ? `Choose up to ${poll.maxChoices}` : 'Choose one',
      action: { command: 'poll', action: 'pick', value: poll.id },
      options: poll.options.map((option, i) => ({ label: clip(`${i + 1}. ${option}`, LABEL_CHARS), value: String(i) })),
      min: 1,
      max: poll.maxChoices,
    };
  }
  if (poll.comments) buttons.push({ label: 'Add a comment', action: { command: 'poll', action: 'comment', value: poll.id }, style: 'secondary' });
  if (buttons.length) msg.buttons = buttons;
  return msg;
}

/** What a member is told privately after a click. */
export function confirmation(poll: Poll, choices: number[]): Message {
  const how = poll.public ? 'This is a public poll: leadership can see your name with your vote.' : 'Anonymous: your name is not stored with your vote.';
  if (!choices.length) return { text: `You have no option chosen in "${clip(poll.question, 80)}" now, so you are not counted. ${how}`, tone: 'info' };
  const change = poll.maxChoices > 1 ? `Click an option again to remove it (up to ${poll.maxChoices}).` : 'Click another option to change your vote.';
  return { text: `Your vote is recorded: ${choicesText(poll, choices)}. ${change} ${how}`, tone: 'success' };
}
