// The promise "crisis text is never kept", tested as a database holder and a log reader would attack it: the real
// bot process (console adapter) at debug and trace level, a crisis message as a member through /cert and as a
// poll comment, then /cert unanswered as leadership; then the sqlite file, its -wal and -shm, and everything the
// process printed are searched for the words. A control question proves that the search would find stored text.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startBot, tempDb } from '../helpers/process.js';

const CRISIS = 'i keep thinking about ending it all zebrafinch quartzlamp';
const WORDS = ['zebrafinch', 'quartzlamp', 'ending it all', 'thinking about ending'];
const CONTROL = 'what colour is the marmalade sky';

const filesOf = (url: string) => {
  const path = url.replace('sqlite://', '');
  return [path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((p) => readFileSync(p).toString('latin1'));
};

describe.each(['debug', 'trace'])('crisis text is never kept (real process, LOG_LEVEL=%s)', (level) => {
  it('is not in the sqlite file, its -wal or -shm, standard output or the logs', async () => {
    const db = tempDb();
    const bot = startBot({ LOG_LEVEL: level, BOT_DB: db });
    try {
      bot.send('/poll "Meet monthly?" "Yes" "No" --comments');
      const id = /Poll \*{0,2}(\w+)\*{0,2} is posted/.exec(await bot.waitFor(/Poll \**\w+\**? is posted/, 60_000))![1]!;
      bot.send(`@alice /cert ${CRISIS}`);
      bot.send(`@alice /poll comment ${id} "${CRISIS}"`);
      bot.send(`@bob /cert ${CONTROL}`);
      bot.send('/cert unanswered');
      const out = await bot.waitFor(/Crisis answers \(988 shown\), last 7 days: 2/, 60_000);
      expect(out).toContain('Call or text 988');
      expect(out).toContain('marmalade'); // the control question is listed for leadership
      const live = filesOf(db).join('\n');
      expect(live).toContain('marmalade'); // the scan finds stored text …
      for (const w of WORDS) expect(live, w).not.toContain(w); // … and the crisis text is not there
      expect(await bot.stop()).toBe(0);
      const printed = `${bot.stdout()}\n${bot.stderr()}`;
      expect(bot.stderr()).toMatch(new RegExp(`"level":"${level}","msg":"debug logging is on"`)); // the logs were at that level
      for (const w of WORDS) {
        expect(printed, w).not.toContain(w);
        expect(filesOf(db).join('\n'), w).not.toContain(w);
      }
    } finally {
      bot.kill();
    }
  }, 120_000); // a real process on a busy shared machine: start-up alone can take tens of seconds
});
