// Telling leadership about a post that did not go out: a direct message to the leader who scheduled it and to
// the configured Slack leaders (SLACK_LEADERS), wherever those platforms are connected. The audit log and the
// error log keep it too, so a report is never only in someone's DMs.
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Outlets } from '../../core/context.js';
import type { Platform } from '../../core/message.js';
import type { Schedule } from './schedule-model.js';

export class Reporter {
  constructor(
    private readonly outlets: Outlets,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  async report(schedule: Schedule, text: string): Promise<void> {
    this.log.warn({ schedule: schedule.id }, 'reported a scheduled post to leadership');
    const to = new Map<string, [Platform, string]>();
    to.set(`${schedule.createdBy.platform}:${schedule.createdBy.id}`, [schedule.createdBy.platform, schedule.createdBy.id]);
    for (const id of this.config.SLACK_LEADERS) to.set(`slack:${id}`, ['slack', id]);
    for (const [platform, id] of to.values()) {
      const outlet = this.outlets.get(platform);
      if (!outlet) continue;
      try {
        await outlet.dm(id, { title: 'A scheduled post needs your attention', text, tone: 'warning' });
      } catch (err) {
        this.log.error({ err, platform, user: id }, 'could not send a report to a leader');
      }
    }
  }
}
