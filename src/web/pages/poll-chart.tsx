// A poll's results as a bar chart with its text alternative, beside the same numbers as a table. SVG attributes
// (not inline styles) size the bars, so the strict CSP holds. Issue 17's PNG chart can replace the SVG later.
import { clip } from '../../core/text.js';
import type { Poll } from '../../services/polls/model.js';
import { type Tally, percent } from '../../services/polls/tally.js';

/** Text of either direction kept apart from the numbers around it (a right-to-left option does not swap them). */
const isolate = (s: string) => `\u2068${s}\u2069`;

export function altText(poll: Poll, tally: Tally): string {
  const parts = poll.options.map((o, i) => `${isolate(o)}: ${tally.counts[i] ?? 0} (${percent(tally.counts[i] ?? 0, tally.voters)}%)`);
  return `Results of "${isolate(poll.question)}" from ${tally.voters} respondent${tally.voters === 1 ? '' : 's'}. ${parts.join('; ')}.`;
}

export function ResultsChart({ poll, tally }: { poll: Poll; tally: Tally }) {
  const rowH = 34;
  const labelW = 0;
  const max = Math.max(1, ...tally.counts);
  return (
    <div class="results">
      <figure class="chart">
        <svg role="img" aria-labelledby={`alt-${poll.id}`} viewBox={`0 0 400 ${poll.options.length * rowH}`} width="100%" preserveAspectRatio="xMinYMin meet">
          <title id={`alt-${poll.id}`}>{altText(poll, tally)}</title>
          {poll.options.map((o, i) => {
            const n = tally.counts[i] ?? 0;
            const w = Math.round((n / max) * 300);
            return (
              <g>
                <text x={labelW} y={i * rowH + 12} class="bar-label">{clip(o, 48)}</text>
                <rect x={labelW} y={i * rowH + 16} width={Math.max(w, 2)} height={12} class="bar" />
                <text x={labelW + Math.max(w, 2) + 6} y={i * rowH + 27} class="bar-value">{`${n} (${percent(n, tally.voters)}%)`}</text>
              </g>
            );
          })}
        </svg>
        <figcaption>{altText(poll, tally)}</figcaption>
      </figure>
      <table>
        <caption>Votes per option</caption>
        <thead><tr><th scope="col">Option</th><th scope="col">Votes</th><th scope="col">Share of respondents</th></tr></thead>
        <tbody>
          {poll.options.map((o, i) => <tr><th scope="row">{o}</th><td>{tally.counts[i] ?? 0}</td><td>{percent(tally.counts[i] ?? 0, tally.voters)}%</td></tr>)}
        </tbody>
      </table>
    </div>
  );
}
