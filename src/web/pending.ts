// TEMPORARY SHIMS — interfaces that other branches are building right now (the lead wires the real ones at merge).
// The dashboard codes against these exact signatures and reaches them only through `pendingServices()`:
//   - issue 11: services.crisis.daily(days)               → here: no counts (the crisis log does not exist yet)
//   - issue 15: services.knowledge.teach / unansweredGroups, entries' `verified` and `reviewBy`
//               → here: groups from today's unanswered log + search suggestions; a taught question is remembered
//                 in the store so it leaves the queue (the real teach adds it to the entry's phrasings)
//   - issue 17: a PNG chart of a poll's tally and the PDF report → here: the HTML/CSS chart and the Markdown report
// At merge: delete this file and read `services.crisis` / `services.knowledge` directly.
import { z } from 'zod';
import type { Services } from '../services/index.js';
import { Repo } from '../storage/repo.js';

export interface Teacher {
  id: string;
  name: string;
  platform: string;
}

export interface UnansweredGroup {
  text: string;
  count: number;
  last: string;
  suggestions: { id: string; title: string }[];
}

export interface PendingServices {
  crisis: { daily(days: number): Promise<{ day: string; count: number }[]> };
  knowledge: {
    teach(question: string, entryId: string, by: Teacher): Promise<void>;
    unansweredGroups(since: Date): Promise<UnansweredGroup[]>;
    /** An entry's review-by date (issue 15 adds `reviewBy` to entries); undefined until then. */
    reviewBy(entryId: string): string | undefined;
  };
}

const taughtSchema = z.object({ question: z.string(), entryId: z.string(), by: z.object({ id: z.string(), name: z.string(), platform: z.string() }), at: z.string() });
const keyOf = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N} ]+/gu, '').replace(/\s+/g, ' ').trim().slice(0, 200);

export function pendingServices(services: Services): PendingServices {
  const taught = new Repo(services.store, 'dashboard-taught-shim', taughtSchema);
  const { knowledge, clock } = services;
  return {
    crisis: {
      async daily(days) {
        const out: { day: string; count: number }[] = [];
        for (let i = days - 1; i >= 0; i--) out.push({ day: new Date(clock.now().getTime() - i * 86_400_000).toISOString().slice(0, 10), count: 0 });
        return out;
      },
    },
    knowledge: {
      async teach(question, entryId, by) {
        if (!knowledge.get(entryId)) throw new Error(`no knowledge entry ${entryId}`);
        await taught.set(keyOf(question), { question, entryId, by, at: clock.now().toISOString() });
      },
      async unansweredGroups(since) {
        const done = new Set((await taught.list()).map(([k]) => k));
        return (await knowledge.unanswered.frequent(since, 50))
          .filter((g) => !done.has(keyOf(g.text)))
          .map((g) => ({ ...g, suggestions: suggestionsFor(services, g.text) }));
      },
      reviewBy: () => undefined,
    },
  };
}

function suggestionsFor(services: Services, text: string): { id: string; title: string }[] {
  const best = services.knowledge.best(text);
  const related = best ? [best.entry, ...services.knowledge.related(best.entry)] : services.knowledge.featured();
  return related.slice(0, 3).map((e) => ({ id: e.id, title: e.title }));
}
