// Reports that hold: what a leader (or anyone handed an export) could work out from the exports of an
// anonymous poll, by subtraction, by diffing two exports, or by opening the CSV in a spreadsheet.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../src/core/message.js';
import { type Harness, leader, member } from '../helpers/context.js';
import { pollHarness, postedPoll, press } from '../polls/helpers.js';

const exportOf = async (h: Harness, id: string): Promise<Map<string, string>> => {
  const said = await h.run(`/poll export ${id}`, leader('U0LEAD'));
  const files: Attachment[] = said.find((s) => s.message.attachments)?.message.attachments ?? [];
  return new Map(files.map((f) => [f.filename.replace(`poll-${id}-`, ''), String(f.content)]));
};

/** Table rows of a Markdown report: first cell → the other cells. */
function tables(md: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('|---'))) {
    const cells = line.slice(2, -2).split(' | ');
    rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

/**
 * The subtraction attack: every equation the report implies (an option's total = its platform counts; the
 * respondents = the platforms' respondents; in a single-choice poll a platform's respondents = its counts), solved
 * for any equation with a single unknown, repeatedly. Returns every value learnt, by cell name.
 */
function subtract(md: string, options: string[], platforms: string[], voters: number): Map<string, number> {
  const t = tables(md);
  const known = new Map<string, number>();
  const put = (name: string, text: string | undefined) => /^\d+$/.test(text ?? '') && known.set(name, Number(text));
  known.set('voters', voters);
  options.forEach((o) => put(`total:${o}`, t.get(o)?.[0]));
  for (const p of platforms) {
    put(`${p}:responded`, t.get(p)?.[1]);
    options.forEach((o, i) => put(`${p}:${o}`, t.get(p)?.[2 + i]));
  }
  const sums: [string, string[]][] = [
    ...options.map((o): [string, string[]] => [`total:${o}`, platforms.map((p) => `${p}:${o}`)]),
    ['voters', platforms.map((p) => `${p}:responded`)],
    ['voters', options.map((o) => `total:${o}`)],
    ...platforms.map((p): [string, string[]] => [`${p}:responded`, options.map((o) => `${p}:${o}`)]),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const [total, parts] of sums) {
      const all = [total, ...parts];
      const unknown = all.filter((n) => !known.has(n));
      if (unknown.length !== 1) continue;
      const u = unknown[0]!;
      const partSum = parts.filter((n) => n !== u).reduce((a, n) => a + known.get(n)!, 0);
      known.set(u, u === total ? partSum : known.get(total)! - partSum);
      changed = true;
    }
  }
  return known;
}

describe('an anonymous poll of 15: Slack 7 Yes / 5 No, Discord 2 Yes / 1 No (the issue\'s example)', () => {
  it('no count under 5 can be recovered by subtraction from the report', async () => {
    const h = await pollHarness();
    const { id, message } = postedPoll(await h.run('/poll "Paid supervision?" "Yes" "No"', leader('U0LEAD')));
    const plan: [string, 'slack' | 'discord', string][] = [
      ...Array.from({ length: 7 }, (_, i): [string, 'slack', string] => [`S${i}`, 'slack', 'Yes']),
      ...Array.from({ length: 5 }, (_, i): [string, 'slack', string] => [`T${i}`, 'slack', 'No']),
      ['D1', 'discord', 'Yes'], ['D2', 'discord', 'Yes'], ['D3', 'discord', 'No'],
    ];
    for (const [who, platform, label] of plan) await press(h, member(who, platform), message, label);
    await h.run(`/poll close ${id}`, leader('U0LEAD'));
    const report = (await exportOf(h, id)).get('report.md')!;
    const learnt = subtract(report, ['Yes', 'No'], ['Slack', 'Discord'], 15);
    const small = [...learnt].filter(([name, n]) => n > 0 && n < 5 && name !== 'voters');
    expect(small, `recovered from the report:\n${report}`).toEqual([]);
    expect(report).toContain('- **Responded:** 15');
    await h.close();
  });
});

describe('diffing two exports of an open anonymous poll, before and after one member votes and comments', () => {
  it('learns nothing the live tally does not show: no comment, no platform, no row', async () => {
    const h = await pollHarness();
    const { id, message } = postedPoll(await h.run('/poll "Paid supervision?" "Yes" "No" --comments', leader('U0LEAD')));
    for (let i = 0; i < 6; i++) {
      await press(h, member(`M${i}`, 'slack'), message, i % 2 ? 'No' : 'Yes');
      await h.run(`/poll comment ${id} "comment number ${i}"`, member(`M${i}`, 'slack'));
    }
    const before = await exportOf(h, id);
    const x = member('XDISCORD', 'discord');
    await press(h, x, message, 'No');
    await h.run(`/poll comment ${id} "I am the only night-shift peer at Rosecrance"`, x);
    const after = await exportOf(h, id);
    const everything = [...after.values()].join('\n');
    expect(everything).not.toContain('night-shift');
    expect(everything).not.toMatch(/discord/i);
    // What changed between the two CSVs: the counts only (what the live poll message shows anyway).
    const lines = (m: Map<string, string>) => [...m].filter(([f]) => f.endsWith('.csv')).flatMap(([, c]) => c.trim().split('\n'));
    const changed = lines(after).filter((l) => !lines(before).includes(l));
    expect(changed).toEqual([`${id},No,4`, `${id},(members who voted),7`]);
    await h.close();
  });
});

describe('the CSV of a closed poll read back by a CSV parser', () => {
  const options = ['=HYPERLINK("https://evil.example","Pay")', 'Pay; Benefits', '+SUM(A1:A9)', '-@cmd', 'Benefits'];
  it('gives the exact tally, escapes formulas, and keeps "Pay; Benefits" apart from Pay + Benefits', async () => {
    const h = await pollHarness();
    const args = options.map((o) => `"${o.replace(/"/g, '\\"')}"`).join(' ');
    const { id, message } = postedPoll(await h.run(`/poll "Which?" ${args} --multi`, leader('U0LEAD')));
    const picks = [[1], [1], [0, 4], [2, 3], [4], [1, 4], [3]];
    for (const [i, pick] of picks.entries()) for (const c of pick) await press(h, member(`V${i}`, 'slack'), message, options[c]!);
    await h.run(`/poll close ${id}`, leader('U0LEAD'));
    const csv = (await exportOf(h, id)).get('votes.csv')!;
    for (const o of options.filter((o) => /^[=+\-@]/.test(o))) expect(csv).toContain(`"'${o.replace(/"/g, '""')}"`);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const header = Object.keys(rows[0]!);
    expect(header).toEqual(['poll', ...options.map((o) => (/^[=+\-@]/.test(o) ? `'${o}` : o))]);
    const tally = header.slice(1).map((col) => rows.reduce((n, r) => n + Number(r[col]), 0));
    expect(tally).toEqual(options.map((_, c) => picks.filter((p) => p.includes(c)).length));
    // Ballot by ballot: the multiset of choice sets is exactly what was cast.
    const ballots = rows.map((r) => header.slice(1).flatMap((col, c) => (r[col] === '1' ? [c] : [])).join('+')).sort();
    expect(ballots).toEqual(picks.map((p) => p.join('+')).sort());
    await h.close();
  });
});

describe('comments of an anonymous poll', () => {
  it('are exported apart from the votes, redacted, in random order, and only from 5 commenters on', async () => {
    const h = await pollHarness();
    const { id, message } = postedPoll(await h.run('/poll "Paid supervision?" "Yes" "No" --comments', leader('U0LEAD')));
    const texts = Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(97 + i)} comment, call 312-555-01${String(i).padStart(2, '0')} or write m${i}@example.org`);
    for (const [i, t] of texts.entries()) {
      await press(h, member(`C${i}`, 'slack'), message, 'Yes');
      await h.run(`/poll comment ${id} "${t}"`, member(`C${i}`, 'slack'));
    }
    await h.run(`/poll close ${id}`, leader('U0LEAD'));
    const files = await exportOf(h, id);
    expect(files.get('votes.csv')).not.toContain('comment');
    const got = (parse(files.get('comments.csv')!, { columns: true }) as { comment: string }[]).map((r) => r.comment);
    expect(got).toHaveLength(12);
    for (const c of got) expect(c).toMatch(/^[a-l] comment, call \[phone removed\] or write \[e-mail removed\]$/);
    const clickOrder = texts.map((t) => t[0]);
    expect(got.map((c) => c[0])).not.toEqual(clickOrder); // also alphabetical: 1 chance in 12! to fail by luck
    await h.close();

    const few = await pollHarness();
    const p = postedPoll(await few.run('/poll "Q?" "Yes" "No" --comments', leader('U0LEAD')));
    for (let i = 0; i < 5; i++) await press(few, member(`F${i}`, 'slack'), p.message, 'Yes');
    for (let i = 0; i < 4; i++) await few.run(`/poll comment ${p.id} "only ${i}"`, member(`F${i}`, 'slack'));
    await few.run(`/poll close ${p.id}`, leader('U0LEAD'));
    const fewFiles = await exportOf(few, p.id);
    expect([...fewFiles.keys()].sort()).toEqual(['report.md', 'report.pdf', 'votes.csv']);
    expect(fewFiles.get('report.md')).toContain('Fewer than 5 members left a comment');
    await few.close();
  });
});
