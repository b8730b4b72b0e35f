// The shape of one knowledge entry, as written by leadership in data/knowledge/<id>.md (YAML front matter +
// the answer as the Markdown body). Validated with zod when loaded; a file that does not match is skipped
// and reported with its path and the field that is wrong.
import { z } from 'zod';

/** Sites the reference sheet says never to use (AI filler pages with false claims). */
export const BLOCKED_SOURCE_HOSTS = ['eatsip365.com', 'visualfoodie.com', 'winenfood.com'];

const isBlocked = (url: string): boolean => {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return BLOCKED_SOURCE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
};

export const sourceSchema = z.object({
  /** A web page, or — where the reference sheet gives no web page for a fact — the sheet itself in this repo. */
  url: z
    .union([z.url({ protocol: /^https?$/ }), z.string().regex(/^data\/knowledge\/_reference\/[\w./#-]+$/)], {
      error: 'must be a full URL such as https://www.dhs.state.il.us/page.aspx?item=155901 (or data/knowledge/_reference/…)',
    })
    .refine((u) => !isBlocked(u), {
      error: `is a site the reference sheet says not to use (${BLOCKED_SOURCE_HOSTS.join(', ')})`,
    }),
  title: z.string().trim().min(3, 'needs a title that a member would recognise').max(120),
});

export const factSchema = z.object({
  name: z.string().trim().min(1).max(80),
  value: z.string().trim().min(1).max(600),
});

/** Whom an entry is about. Members of the alliance mean CRSS/CPRS unless they say CHW. */
export const CREDENTIALS = ['crss', 'cprs', 'both', 'chw', 'general'] as const;
export type Credential = (typeof CREDENTIALS)[number];

/** What an entry answers about; a question about one of these is answered only by an entry that lists it. */
export const ATTRIBUTES = ['fee', 'feehelp', 'exam', 'renewal', 'ceu', 'hours', 'supervision', 'work', 'education', 'eligibility', 'apply', 'contact', 'ethics', 'reciprocity'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

const DAY_MS = 86_400_000;
const isoDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });

export const entrySchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes, e.g. crss-exam')
    .max(60),
  // Also the label of related-topic buttons: Slack button text allows 75 characters.
  title: z.string().trim().min(3).max(75),
  /** The group the topic list shows it under, e.g. "Fees". */
  topic: z.string().trim().min(2).max(40),
  /** How members ask it, in their own words. Indexed with a high boost. */
  phrasings: z.array(z.string().trim().min(2)).min(1, 'needs at least one way members ask it'),
  tags: z.array(z.string().trim().min(1)).default([]),
  /** The short answer (the Markdown body of the file). */
  answer: z.string().trim().min(10, 'the answer (the text after the front matter) is missing or too short').max(1500),
  facts: z.array(factSchema).max(8, 'at most 8 key facts (Slack shows at most 10 fields)').default([]),
  /** Steps in order (for /cert checklist). */
  steps: z.array(z.string().trim().min(3)).optional(),
  related: z.array(z.string()).max(6).default([]),
  sources: z.array(sourceSchema).min(1, 'needs at least one source (url + title)'),
  verified: isoDate,
  confidence: z.enum(['high', 'medium', 'low']),
  /** crss | cprs | both (CRSS and CPRS) | chw | general (not about one credential: crisis lines, NIAPP …). */
  credential: z.enum(CREDENTIALS, { error: `must be one of ${CREDENTIALS.join(', ')}` }).default('both'),
  /** The attributes the entry answers about (see ATTRIBUTES). */
  attributes: z.array(z.enum(ATTRIBUTES, { error: `must be among ${ATTRIBUTES.join(', ')}` })).default([]),
  /** Words (as the matcher spells them) of which a question must contain one, for entries about one named thing. */
  needs: z.array(z.coerce.string().trim().toLowerCase().min(1)).default([]),
  /** The same topic for the other credential (crss-exam ↔ cprs-exam): a question naming neither is asked back. */
  counterpart: z.string().optional(),
  /** When the entry is due for review (default: a year after `verified`). Past it, answers say when it was verified. */
  reviewBy: isoDate.optional(),
}).transform((e) => ({ ...e, reviewBy: e.reviewBy ?? new Date(Date.parse(e.verified) + 365 * DAY_MS).toISOString().slice(0, 10) }));

export type Entry = z.infer<typeof entrySchema>;

/** A file that could not be used: where, which field, and what is wrong. */
export interface LoadProblem {
  path: string;
  field: string;
  message: string;
}
