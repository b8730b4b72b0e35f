// Anonymity (threat model: docs/THREAT-MODEL.md). An anonymous vote is a sealed ballot filed under a marker:
//   marker = HMAC(markerKey, person key)           — one per member and poll: one vote per member, changeable
//   ballot = AES-256-GCM(ballotKey, fixed 3 bytes)  — which options, and the platform; random IV
// where markerKey and ballotKey are derived (HKDF) from the bot secret, which lives outside the database
// (BOT_SECRET or data/bot-secret), and the poll id. Without the secret a ballot row is an opaque, fixed-length
// string: its row order, row id and neighbours say only that someone voted. At close the ballots are opened,
// counted into one result record (a multiset, no order) and deleted (secure_delete, WAL truncated): from then
// on nobody, the operator with the secret included, can link a vote to a member.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Platform } from '../../core/message.js';

export interface PollKeys {
  marker: Buffer;
  ballot: Buffer;
}

const PLATFORMS: Platform[] = ['slack', 'discord', 'console'];

/** The two keys of one anonymous poll, from the bot secret (hex or any string) and the poll id. */
export function pollKeys(secret: string, pollId: string): PollKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, `niapp-poll:${pollId}`, info, 32));
  return { marker: derive('vote marker'), ballot: derive('vote ballot') };
}

/** The key a vote is stored under: the person key itself for public polls (no keys), a marker otherwise. */
export function voterKey(person: string, keys: PollKeys | undefined): string {
  if (keys === undefined) return person;
  return createHmac('sha256', keys.marker).update(person).digest('hex');
}

export interface Ballot {
  choices: number[];
  platform: Platform;
}

/** Seals a ballot: always 3 plaintext bytes (a 16-bit choice mask, the platform), so every row has one length. */
export function sealBallot(b: Ballot, keys: PollKeys): string {
  const mask = b.choices.reduce((m, c) => m | (1 << c), 0);
  return seal(Buffer.from([mask & 0xff, mask >> 8, PLATFORMS.indexOf(b.platform)]), keys);
}

/** Opens a ballot; undefined when it was sealed under another secret (the secret was lost and replaced). */
export function openBallot(sealed: string, keys: PollKeys): Ballot | undefined {
  const plain = open(sealed, keys);
  if (!plain || plain.length !== 3) return undefined;
  const mask = plain[0]! | (plain[1]! << 8);
  const choices = Array.from({ length: 16 }, (_, i) => i).filter((i) => mask & (1 << i));
  const platform = PLATFORMS[plain[2]!];
  return platform ? { choices, platform } : undefined;
}

/** Seals a comment, padded to a multiple of 128 bytes so that the row length says little about the text. */
export function sealText(text: string, keys: PollKeys): string {
  const bytes = Buffer.from(text, 'utf8');
  const padded = Buffer.alloc(Math.ceil((bytes.length + 2) / 128) * 128);
  padded.writeUInt16BE(bytes.length, 0);
  bytes.copy(padded, 2);
  return seal(padded, keys);
}

export function openText(sealed: string, keys: PollKeys): string | undefined {
  const plain = open(sealed, keys);
  if (!plain || plain.length < 2) return undefined;
  return plain.subarray(2, 2 + plain.readUInt16BE(0)).toString('utf8');
}

function seal(plain: Buffer, keys: PollKeys): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.ballot, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function open(sealed: string, keys: PollKeys): Buffer | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', keys.ballot, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** A Fisher–Yates shuffle with a cryptographic source: stored and exported lists carry no order. */
export function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBytes(4).readUInt32BE(0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
