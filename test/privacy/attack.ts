// What an attacker holding the sqlite files (main file, -wal, -shm: free pages included, read as raw bytes) and the
// bot's log would do to link anonymous votes to members. Each strategy returns its guesses (member → option);
// `relink` scores them against the truth. The attacker also knows the list of members and the final tally.
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { openBallot, pollKeys, voterKey } from '../../src/services/polls/anonymity.js';

export interface Evidence {
  /** The database files by name (bot.sqlite, bot.sqlite-wal, bot.sqlite-shm), as copied at one moment. */
  files: Map<string, Buffer>;
  /** The bot's log (JSON lines, every level it wrote). */
  log: string;
}

interface Row {
  rowid: number;
  key: string;
  value: { value?: unknown; expires?: number };
}

type Guesses = Map<string, number>;

async function rowsOf(files: Map<string, Buffer>): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'niapp-attack-'));
  try {
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    const db = new sqlite3.Database(join(dir, 'bot.sqlite'));
    const raw = await new Promise<{ rowid: number; key: string; value: string }[]>((resolve, reject) =>
      db.all('SELECT rowid, key, value FROM keyv ORDER BY rowid', (err, rows) => (err ? reject(err) : resolve(rows as never))),
    );
    await new Promise((r) => db.close(r));
    return raw.map((r) => ({ rowid: r.rowid, key: r.key, value: safeJson(r.value) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const safeJson = (s: string): Row['value'] => {
  try {
    return JSON.parse(s) as Row['value'];
  } catch {
    return {};
  }
};

/** A vote row whose choice can be read: any record holding a `choices` array with one choice. */
function readableVotes(rows: Row[]): { row: Row; choice: number }[] {
  const out: { row: Row; choice: number }[] = [];
  for (const row of rows) {
    const v = row.value.value as { choices?: unknown } | undefined;
    if (v && Array.isArray(v.choices) && v.choices.length === 1 && typeof v.choices[0] === 'number') out.push({ row, choice: v.choices[0] });
  }
  return out;
}

/** Log lines that name a member, in log order: [member, time]. */
function memberLines(log: string, members: string[]): { member: string; time: number }[] {
  const out: { member: string; time: number }[] = [];
  for (const line of log.split('\n')) {
    const m = members.find((id) => line.includes(id));
    if (!m) continue;
    const time = Number(/"time":(\d+)/.exec(line)?.[1] ?? Number.NaN);
    out.push({ member: m, time });
  }
  return out;
}

/** Recompute keys: every 64-hex string in the raw bytes is tried as the HMAC key for every member id. */
export function byRecomputedKeys(e: Evidence, rows: Row[], members: string[]): Guesses {
  const votes = readableVotes(rows);
  const byKey = new Map(votes.map((v) => [v.row.key.split(':').at(-1)!, v.choice]));
  const candidates = new Set<string>();
  for (const bytes of e.files.values()) for (const m of bytes.toString('latin1').matchAll(/[0-9a-f]{64}/g)) candidates.add(m[0]);
  const guesses: Guesses = new Map();
  for (const c of candidates) {
    for (const id of members) {
      for (const form of [id, `slack:${id}`]) {
        const key = createHmac('sha256', Buffer.from(c, 'hex')).update(form).digest('hex');
        const choice = byKey.get(key);
        if (choice !== undefined) guesses.set(id, choice);
      }
    }
  }
  return guesses;
}

/** Row order: the k-th readable vote row (by rowid) is the k-th member named in the log. */
export function byRowOrder(e: Evidence, rows: Row[], members: string[]): Guesses {
  const votes = readableVotes(rows);
  const order = [...new Set(memberLines(e.log, members).map((l) => l.member))];
  const guesses: Guesses = new Map();
  votes.forEach((v, k) => order[k] && guesses.set(order[k], v.choice));
  return guesses;
}

/** Timestamps: a vote row's time (its own, or the expiry of the row written just before it) against log times. */
export function byTimestamps(e: Evidence, rows: Row[], members: string[], ttlMs: number): Guesses {
  const lines = memberLines(e.log, members).filter((l) => Number.isFinite(l.time));
  const guesses: Guesses = new Map();
  for (const { row, choice } of readableVotes(rows)) {
    const neighbour = rows.filter((r) => r.rowid < row.rowid && typeof r.value.expires === 'number').at(-1);
    const at = (row.value.value as { at?: string }).at;
    const t = neighbour ? neighbour.value.expires! - ttlMs : at ? Date.parse(at) : undefined;
    if (t === undefined) continue;
    const next = lines.filter((l) => l.time >= t && !guesses.has(l.member)).sort((a, b) => a.time - b.time)[0];
    if (next) guesses.set(next.member, choice);
  }
  return guesses;
}

/**
 * The operator, after close, with the bot secret: recompute every member's marker, look for it anywhere in the
 * raw bytes (live rows, free pages, WAL), and open any ballot still filed under it.
 */
export function withTheSecret(e: Evidence, rows: Row[], members: string[], secret: string, pollId: string): { guesses: Guesses; markersFound: number } {
  const keys = pollKeys(secret, pollId);
  const raw = [...e.files.values()].map((b) => b.toString('latin1')).join('\n');
  const guesses: Guesses = new Map();
  let markersFound = 0;
  for (const id of members) {
    const marker = voterKey(`slack:${id}`, keys);
    if (raw.includes(marker)) markersFound++;
    const row = rows.find((r) => r.key.endsWith(marker));
    const sealed = (row?.value.value as { s?: string } | undefined)?.s;
    const ballot = sealed ? openBallot(sealed, keys) : undefined;
    if (ballot?.choices.length === 1) guesses.set(id, ballot.choices[0]!);
  }
  return { guesses, markersFound };
}

export interface Score {
  strategy: string;
  correct: number;
}

/** Runs every strategy; a member no strategy links is guessed as the majority choice. */
export async function relink(e: Evidence, truth: Map<string, number>, majority: number, ttlMs: number, operator?: { secret: string; pollId: string }): Promise<Score[]> {
  const rows = await rowsOf(e.files);
  const members = [...truth.keys()];
  const strategies: [string, Guesses][] = [
    ...(operator ? [['the secret + recomputed markers', withTheSecret(e, rows, members, operator.secret, operator.pollId).guesses] as [string, Guesses]] : []),
    ['recomputed keys', byRecomputedKeys(e, rows, members)],
    ['row order + log order', byRowOrder(e, rows, members)],
    ['timestamps + log times', byTimestamps(e, rows, members, ttlMs)],
  ];
  return strategies.map(([strategy, guesses]) => ({
    strategy,
    correct: members.filter((m) => (guesses.get(m) ?? majority) === truth.get(m)).length,
  }));
}
