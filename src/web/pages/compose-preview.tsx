// The compose preview: the next five runs of what was typed in "When", and the post as each platform will show
// it (with that platform's text limit). It uses the services' own parsers, so what it shows is what will happen.
import { UserError } from '../../core/errors.js';
import type { Platform } from '../../core/message.js';
import { renderPlain } from '../../core/plain.js';
import { nextOccurrences, parseCron } from '../../services/announcements/cron.js';
import { renderAnnouncement } from '../../services/announcements/service.js';
import { TEXT_LIMITS, parsePing } from '../../services/announcements/targets.js';
import { parseWhen } from '../../services/announcements/when.js';
import type { Schedule } from '../../services/announcements/schedule-model.js';
import { when as fmt } from '../format.js';

export interface Draft {
  text: string;
  when: string;
  to: string;
  ping: string;
}

/** '' or 'now' → now; 'every <cron>' → recurring; anything else → once, at that time. */
export function whenOf(text: string): { kind: 'now' } | { kind: 'at'; text: string } | { kind: 'every'; cron: string } {
  const w = text.trim();
  if (!w || /^now$/i.test(w)) return { kind: 'now' };
  if (/^every\s+/i.test(w)) return { kind: 'every', cron: w.replace(/^every\s+/i, '') };
  return { kind: 'at', text: w };
}

function runsOf(draft: Draft, now: Date, zone: string): { runs: Date[]; problem?: string } {
  try {
    const w = whenOf(draft.when);
    if (w.kind === 'now') return { runs: [now] };
    if (w.kind === 'at') return { runs: [parseWhen(w.text, now, zone)] };
    return { runs: nextOccurrences(parseCron(w.cron), now, zone, 5) };
  } catch (err) {
    return { runs: [], problem: err instanceof UserError ? err.message : 'That time could not be read.' };
  }
}

const NAMES: Record<Platform, string> = { slack: 'Slack', discord: 'Discord', console: 'Console' };

export function Preview({ draft, now, zone, platforms }: { draft: Draft; now: Date; zone: string; platforms: Platform[] }) {
  const { runs, problem } = runsOf(draft, now, zone);
  let ping: Schedule['ping'];
  let pingProblem: string | undefined;
  try {
    ping = parsePing(draft.ping || undefined);
  } catch (err) {
    pingProblem = err instanceof Error ? err.message : String(err);
  }
  const msg = renderAnnouncement({ text: draft.text.trim(), ping } as Schedule);
  const mention = ping ? (ping.kind === 'here' ? '@here' : `@role ${ping.role}`) : undefined;
  return (
    <section aria-labelledby="preview-title" class="preview">
      <h2 id="preview-title">Preview</h2>
      <h3>Next runs ({zone})</h3>
      {problem ? <p class="notice bad">{problem}</p> : <ol>{runs.map((r) => <li>{fmt(r, zone)}</li>)}</ol>}
      {pingProblem ? <p class="notice bad">{pingProblem}</p> : null}
      <h3>How it will look</h3>
      <div class="cards">
        {platforms.map((p) => {
          const over = draft.text.trim().length - TEXT_LIMITS[p];
          return (
            <figure class={`card ${p}`}>
              <figcaption>{NAMES[p]}</figcaption>
              {p === 'console' ? (
                <pre>{renderPlain(msg)}</pre>
              ) : (
                <div class="post">
                  <p class="author">NIAPP bot</p>
                  {mention ? <p class="mention">{mention}</p> : null}
                  {draft.text.trim().split(/\n+/).map((line) => <p>{line}</p>)}
                  <p class="footer">{msg.footer}</p>
                </div>
              )}
              <p class="limit">{over > 0 ? `${over} characters over ${NAMES[p]}'s limit of ${TEXT_LIMITS[p]}` : `${draft.text.trim().length} of ${TEXT_LIMITS[p]} characters`}</p>
            </figure>
          );
        })}
      </div>
    </section>
  );
}
