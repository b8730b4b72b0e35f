// `npm run knowledge:export-taught`: writes the phrasings leadership taught from chat (/cert teach) into the
// knowledge files (BOT_DB, KNOWLEDGE_DIR as for the bot), for review with `git diff data/knowledge`.
import { loadConfig } from '../src/config.js';
import { exportTaught } from '../src/services/knowledge/export-taught.js';
import { TaughtPhrasings } from '../src/services/knowledge/taught.js';
import { openStore } from '../src/storage/store.js';

const config = loadConfig();
const store = await openStore(config.BOT_DB);
try {
  const taught = (await new TaughtPhrasings(store).list()).map(([, t]) => t);
  const { written, skipped } = await exportTaught(config.KNOWLEDGE_DIR, taught);
  for (const w of written) console.log(`added  ${JSON.stringify(w.question)} to ${w.path}`);
  for (const s of skipped) console.log(`kept   ${JSON.stringify(s.question)} (${s.entryId}): ${s.why}`);
  console.log(`${taught.length} taught phrasing(s): ${written.length} written, ${skipped.length} left as they are. Review with: git diff ${config.KNOWLEDGE_DIR}`);
} finally {
  await store.close();
}
