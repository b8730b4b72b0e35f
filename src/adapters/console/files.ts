// The console cannot show a picture or a file: it writes each attachment of a message under data/files/ and
// prints the path, so the chart of a closed poll (or an export) can be opened from there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Message } from '../../core/message.js';

export const FILES_DIR = resolve('data', 'files');

/** Writes the message's attachments; returns one line per file ("file: /abs/path (alt text)"). */
export function saveAttachments(msg: Message, dir = FILES_DIR): string[] {
  if (!msg.attachments?.length) return [];
  mkdirSync(dir, { recursive: true });
  return msg.attachments.map((a) => {
    const path = resolve(dir, basename(a.filename).replace(/[^\w.-]/g, '_') || 'file');
    writeFileSync(path, typeof a.content === 'string' ? a.content : Buffer.from(a.content));
    return `file: ${path}${msg.image?.filename === a.filename ? ` (image: ${msg.image.alt})` : ''}`;
  });
}
