// Reaching members outside the poll message: reminders to those who have not voted (never to those who did),
// and the eligible count for the advocacy report. Both use Outlet.members where the platform allows it.
import type { Logger } from 'pino';
import type { Outlets } from '../../core/context.js';
import type { Platform } from '../../core/message.js';
import type { IdentityService } from '../identity/index.js';
import { type PollKeys, voterKey } from './anonymity.js';
import type { Eligible } from './report.js';
import type { Poll } from './model.js';
import type { MessageRef } from '../../core/message.js';
import { clip, formatWhen } from './render.js';
import type { VoteBook } from './votes.js';

export interface RemindResult {
  reminded: number;
  alreadyVoted: number;
  unreachable: number;
  /** Platforms where the bot may not list channel members (reminders impossible there). */
  notListable: Platform[];
}

interface Deps {
  outlets: Outlets;
  identity: IdentityService;
  log: Logger;
  zone: string;
}

export class Outreach {
  constructor(
    private readonly deps: Deps,
    private readonly book: VoteBook,
  ) {}

  /** Member ids per platform over the channels the poll is in; undefined where they cannot be listed. */
  async members(posts: MessageRef[]): Promise<Map<Platform, Set<string> | undefined>> {
    const out = new Map<Platform, Set<string> | undefined>();
    for (const ref of posts) {
      if (out.has(ref.platform) && out.get(ref.platform) === undefined) continue;
      const ids = await Promise.resolve(this.deps.outlets.get(ref.platform)?.members?.(ref.channelId)).catch((err: unknown) => {
        this.deps.log.warn({ err, platform: ref.platform }, 'could not list the members of a poll channel');
        return undefined;
      });
      if (!ids) out.set(ref.platform, undefined);
      else out.set(ref.platform, new Set([...(out.get(ref.platform) ?? []), ...ids]));
    }
    return out;
  }

  async eligible(posts: MessageRef[]): Promise<Eligible> {
    const byPlatform: Eligible['byPlatform'] = {};
    for (const [platform, ids] of await this.members(posts)) byPlatform[platform] = ids?.size;
    return { byPlatform };
  }

  async remind(poll: Poll, keys: PollKeys | undefined, posts: MessageRef[]): Promise<RemindResult> {
    const voted = new Set((await this.book.list(poll, keys)).filter(([, v]) => v.choices.length).map(([key]) => key));
    const result: RemindResult = { reminded: 0, alreadyVoted: 0, unreachable: 0, notListable: [] };
    const where = [...new Set(posts.map((p) => p.channelId))];
    const msg = {
      title: 'A member poll is waiting for your vote',
      text: `**${clip(poll.question, 300)}**\nYou have not voted yet. Find the poll (id \`${poll.id}\`) in the channel${where.length > 1 ? 's' : ''} where it was posted${poll.closesAt ? `; it closes ${formatWhen(poll.closesAt, this.deps.zone)}` : ''}.`,
      footer: poll.public ? 'This is a public poll.' : 'Votes are anonymous.',
    };
    for (const [platform, ids] of await this.members(posts)) {
      const outlet = this.deps.outlets.get(platform);
      if (!ids || !outlet) {
        result.notListable.push(platform);
        continue;
      }
      for (const id of ids) {
        const person = await this.deps.identity.personOf({ platform, id });
        // A linked member who voted from the other platform counts as having voted.
        if (person.accounts.concat(person.key).some((a) => voted.has(voterKey(a, keys)))) {
          result.alreadyVoted++;
          continue;
        }
        const sent = await outlet.dm(id, msg).catch((err: unknown) => {
          this.deps.log.warn({ err, platform }, 'could not send a poll reminder');
          return false;
        });
        if (sent) result.reminded++;
        else result.unreachable++;
      }
    }
    return result;
  }
}
