// The advocacy report PDF, parsed back: in-process with pdfjs-dist (so CI needs nothing else) and, where Debian's
// poppler-utils is installed, with `pdftotext` too. The text holds the alliance, the question, the response
// rate and every option; small groups stay suppressed; comments appear only from five commenters on, redacted.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comment, Poll, Vote } from '../../src/services/polls/model.js';
import { reportModel } from '../../src/services/polls/report.js';
import { reportPage } from '../../src/services/polls/report-page.js';
import { reportPdf } from '../../src/services/polls/report-pdf.js';
import { tallyOf } from '../../src/services/polls/tally.js';
import { pdfText, pdfTextSizes } from './pdf-text.js';

const OPTIONS = Array.from({ length: 10 }, (_, i) => `Option ${i + 1}: ${['Medicaid reimbursement', 'Paid supervision', 'Billing codes', 'Training stipends', 'Rural access', 'Telehealth parity', 'Certification fees', 'Career ladder', 'Youth peers', 'Crisis lines'][i]}`);
const poll = (o: Partial<Poll> = {}): Poll => ({
  id: 'k3x9qa', question: 'Which issue should NIAPP bring to the legislature in 2027?', options: OPTIONS, maxChoices: 1, public: false, hideResults: false,
  comments: true, everywhere: true, createdBy: { platform: 'slack', id: 'U0LEADER', name: 'jordan' }, createdAt: '2026-11-02T15:00:00.000Z', closedAt: '2026-11-30T23:00:00.000Z', ...o,
});
const vote = (platform: Vote['platform'], choice: number): Vote => ({ choices: [choice], platform, at: '2026-11-10T15:00:00.000Z' });
// 40 Slack voters spread over the options; 3 Discord voters (a group too small to report).
const votes = [...Array.from({ length: 40 }, (_, i) => vote('slack', i % 7)), vote('discord', 9), vote('discord', 9), vote('discord', 8)];
const comment = (text: string): Comment => ({ text, platform: 'slack', at: '2026-11-10T15:00:00.000Z' });

async function make(p: Poll, vs: Vote[], comments: Comment[]) {
  const model = reportPage(reportModel({ poll: p, tally: tallyOf(p, vs), comments: comments.map((c) => c.text), eligible: { byPlatform: { slack: 120, discord: 40 } } }), { posted: ['slack', 'discord'], zone: 'America/Chicago', now: new Date('2026-12-01T15:00:00Z') });
  const pdf = await reportPdf(model);
  return { model, pdf, ...(await pdfText(pdf)) };
}
const flat = (pages: string[]) => pages.join('\n').replace(/\s+/g, ' ');

describe('advocacy report PDF', () => {
  it('is one or two pages whose text holds the alliance, question, dates, counting, response rate and every option', async () => {
    const comments = ['Pay us for supervision: call me at 217-555-0199', 'Email me at peer@example.org about billing', 'Rural members need telehealth', 'Fees are too high', 'More youth peers please', 'Thanks @jordan for this'].map(comment);
    const { pdf, pages, title, lang } = await make(poll(), votes, comments);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    const text = flat(pages);
    expect(text).toContain('NAMI Illinois Alliance of Peer Professionals (NIAPP)');
    expect(text).toContain('Which issue should NIAPP bring to the legislature in 2027?');
    expect(text).toContain('Closed: Mon Nov 30, 5:00 PM CST');
    expect(text).toContain('One vote per member across platforms');
    expect(text).toContain('anonymous: no names were recorded');
    expect(text).toContain('Response rate: 27% (43 of 160)');
    expect(text).toContain('on Slack and Discord');
    for (const o of OPTIONS) expect(text).toContain(o);
    expect(title).toContain('Which issue should NIAPP');
    expect(lang).toBe('en-US');
    // Comments: five or more commented, so they are shown, without the phone number, e-mail or mention.
    expect(text).toContain('Rural members need telehealth');
    expect(text).not.toContain('555-0199');
    expect(text).not.toContain('peer@example.org');
    expect(text).not.toContain('@jordan');
    expect(text).toContain('[phone removed]');
  });

  it('keeps small groups suppressed: the 3 Discord voters and their options are withheld, also from subtraction', async () => {
    const { pages, model } = await make(poll(), votes, []);
    const text = flat(pages);
    expect(text).toContain('withheld');
    const discord = 'rows' in model.platforms ? model.platforms.rows.find((r) => r[0] === 'Discord')! : [];
    expect(discord[2]).toBe('withheld');
    expect([discord[3 + 8], discord[3 + 9]]).toEqual(['withheld', 'withheld']);
    // Options 9 and 10 got 1 and 2 votes in all: withheld in the results table and left out of the chart.
    expect(model.rows.slice(8).map((r) => r.count)).toEqual(['withheld', 'withheld']);
    expect(model.chart!.rows.map((r) => r.label)).not.toContain(OPTIONS[9]);
    // Slack options with 1..4 votes are withheld, never the number.
    const fewVotes = [...Array.from({ length: 8 }, () => vote('slack', 0)), vote('slack', 1), vote('slack', 1)];
    const small = await make(poll(), fewVotes, []);
    const slackRow = 'rows' in small.model.platforms ? small.model.platforms.rows.find((r) => r[0] === 'Slack')! : [];
    expect(slackRow[4]).toBe('withheld');
    expect(small.model.rows[1]!.count).toBe('withheld');
  });

  it('withholds everything when fewer than five responded, and comments when fewer than five commented', async () => {
    const { pages, model } = await make(poll(), votes.slice(0, 4), ['a', 'b', 'c', 'd'].map((t) => comment(`secret comment ${t}`)));
    const text = flat(pages);
    expect(text).toContain('Fewer than 5 members responded');
    expect(text).not.toContain('secret comment');
    expect(text).toContain('Fewer than 5 members left a comment');
    expect(model.chart).toBeUndefined();
    expect(model.rows).toEqual([]);
  });

  it('draws the chart as vectors with real text: no picture to blur in print, and its subtitle reads back', async () => {
    const { pdf, pages } = await make(poll(), votes, []);
    expect(Buffer.from(pdf).includes('/Subtype /Image')).toBe(false);
    expect(flat(pages)).toContain('43 responses · closed Mon Nov 30, 5:00 PM CST');
  });

  it('of an open anonymous poll says comments come at close (as the Markdown does), not that nobody commented', async () => {
    const comments = Array.from({ length: 8 }, (_, i) => comment(`Comment number ${i}`));
    const { pages } = await make(poll({ closedAt: undefined }), votes, comments);
    expect(flat(pages)).toContain('Comments are reported once the poll has closed.');
    expect(flat(pages)).not.toContain('No members left a comment');
  });

  it('keeps a chart of ten options with long labels readable on paper (no text under 7 pt)', async () => {
    const long = OPTIONS.map((o, i) => `${o} — ${'with a long explanation of what it would change for peers '.slice(0, 78 - o.length - 3)}${i}`);
    const { pdf } = await make(poll({ options: long }), votes, []);
    const sizes = await pdfTextSizes(pdf);
    const labels = sizes.filter((t) => long.some((o) => o.includes(t.str.trim())) && t.str.trim().length > 12);
    expect(labels.length).toBeGreaterThan(10);
    expect(Math.min(...sizes.map((t) => t.size))).toBeGreaterThanOrEqual(7);
  });

  it('sets Hebrew and Arabic options and comments in their reading order (pdfkit alone would reverse the words)', async () => {
    const hebrew = 'שכר הוגן לעובדי תמיכה עמיתים';
    // (No lam-alef pair: its ligature reads back with its two letters swapped, a PDF text-mapping matter.)
    const arabic = 'أجور عادلة في جميع المدن';
    const options = [...OPTIONS.slice(0, 8), `${hebrew} 2027`, arabic];
    const p = poll({ options });
    const everyone = Array.from({ length: 60 }, (_, i) => vote('slack', i % 10));
    const { pages } = await make(p, everyone, ['תודה רבה לכולם', 'شكرا جدا للجميع', 'Thanks', 'Great poll', 'More please'].map(comment));
    const text = flat(pages);
    expect(text).toContain(hebrew);
    expect(text).toContain(arabic);
    expect(text).toContain('תודה רבה לכולם');
    expect(text).toContain('شكرا جدا للجميع');
  });

  it('reads the same with pdftotext (poppler), when it is installed', async (t) => {
    if (spawnSync('pdftotext', ['-v']).error) return t.skip();
    const { pdf } = await make(poll(), votes, []);
    const dir = mkdtempSync(join(tmpdir(), 'niapp-pdf-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Which issue should NIAPP bring to the legislature in 2027?');
      expect(text).toContain('Response rate: 27% (43 of 160)');
      for (const o of OPTIONS) expect(text).toContain(o);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
