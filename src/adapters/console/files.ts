// Files in the console (calendar .ics, CSV exports, reports): written to a folder (BOT_FILES_DIR, default
// data/files under the working folder) so the user can open them; the console prints the path.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Attachment } from '../../core/message.js';

export function fileFolder(dir: string): { save(file: Attachment): string } {
  const folder = resolve(dir);
  return {
    /** Writes the file (replacing an older one of the same name); returns its path, or why it could not. */
    save(file) {
      const name = basename(file.filename).replace(/[^\w.-]+/g, '-').replace(/^\.+/, '') || 'file';
      const path = resolve(folder, name);
      try {
        mkdirSync(folder, { recursive: true });
        writeFileSync(path, typeof file.content === 'string' ? file.content : Buffer.from(file.content));
        return path;
      } catch (err) {
        return `${name}, not saved: ${(err as Error).message.split('\n')[0]}`;
      }
    },
  };
}
