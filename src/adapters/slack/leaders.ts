// Who leads, on Slack: the ids in SLACK_LEADERS, plus the members of the user group SLACK_LEADER_GROUP
// (looked up with usergroups.users.list and cached, so a click does not wait on Slack each time).
import type { Logger } from 'pino';
import type { Clock } from '../../services/clock.js';

export const LEADER_GROUP_TTL_MS = 5 * 60_000;

export interface LeaderSource {
  /** usergroups.users.list: the user ids of a group. */
  groupMembers(groupId: string): Promise<string[]>;
}

export interface Leaders {
  isLeader(userId: string): Promise<boolean>;
}

export function createLeaders(ids: string[], groupId: string | undefined, source: LeaderSource, clock: Clock, log: Logger): Leaders {
  const fixed = new Set(ids);
  let cached: { members: Set<string>; at: number } | undefined;
  let loading: Promise<Set<string>> | undefined;

  const group = async (): Promise<Set<string>> => {
    const now = clock.now().getTime();
    if (cached && now - cached.at < LEADER_GROUP_TTL_MS) return cached.members;
    loading ??= source
      .groupMembers(groupId!)
      .then((members) => {
        cached = { members: new Set(members), at: clock.now().getTime() };
        return cached.members;
      })
      .catch((err: unknown) => {
        // Keep the last known members (or none) rather than failing the member's command.
        log.warn({ err, groupId }, 'could not read the Slack leader group');
        return cached?.members ?? new Set<string>();
      })
      .finally(() => (loading = undefined));
    return loading;
  };

  return {
    async isLeader(userId) {
      if (fixed.has(userId)) return true;
      if (!groupId) return false;
      return (await group()).has(userId);
    },
  };
}
