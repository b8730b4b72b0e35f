// A poll's results as chart data and as a message image: the PNG is an attachment, shown with its alt text.
import type { Attachment, Message } from '../../core/message.js';
import type { ChartData, ChartRenderer } from '../charts/index.js';
import type { Poll } from './model.js';
import { formatWhen } from './render.js';
import { type Tally, percent } from './tally.js';

export function pollChartData(poll: Poll, tally: Tally, zone: string): ChartData {
  const responses = `${tally.voters} response${tally.voters === 1 ? '' : 's'}`;
  const when = poll.closedAt ? `closed ${formatWhen(poll.closedAt, zone)}` : `so far, ${poll.closesAt ? `closes ${formatWhen(poll.closesAt, zone)}` : 'still open'}`;
  return {
    title: poll.question,
    subtitle: `${responses} · ${when}`,
    rows: poll.options.map((label, i) => ({ label, count: tally.counts[i] ?? 0, percent: percent(tally.counts[i] ?? 0, tally.voters) })),
    note: `${poll.maxChoices > 1 ? `Members could pick up to ${poll.maxChoices} options, so shares add up to more than 100%. ` : ''}${poll.public ? 'Public poll' : 'Anonymous poll'} ${poll.id} · one vote per member across Slack and Discord.`,
  };
}

export const chartFilename = (poll: Poll): string => `poll-${poll.id}-results.png`;

/** `msg` with the chart attached and shown; on a rendering failure, `msg` unchanged (its text bars remain). */
export async function withChart(msg: Message, poll: Poll, tally: Tally, zone: string, render: ChartRenderer, onError: (err: unknown) => void): Promise<Message> {
  try {
    const chart = await render(pollChartData(poll, tally, zone));
    const file: Attachment = { filename: chartFilename(poll), contentType: 'image/png', content: chart.png };
    return { ...msg, attachments: [...(msg.attachments ?? []), file], image: { filename: file.filename, alt: chart.alt } };
  } catch (err) {
    onError(err);
    return msg;
  }
}
