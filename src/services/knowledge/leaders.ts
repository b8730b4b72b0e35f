// Private messages to leadership (the monthly knowledge digest, reload problems), on every connected platform:
// console — printed for the operator (the console's user is leadership); Slack — posted in
// SLACK_LEADERSHIP_CHANNEL when set, else a DM to each id in SLACK_LEADERS; Discord — posted in
// DISCORD_LEADERSHIP_CHANNEL (Discord leadership is a role, so there is no list of people to DM).
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Outlets } from '../../core/context.js';
import type { Message } from '../../core/message.js';

export type LeaderConfig = Partial<Pick<Config, 'SLACK_LEADERS' | 'SLACK_LEADERSHIP_CHANNEL' | 'DISCORD_LEADERSHIP_CHANNEL'>>;

/** Sends `msg` privately to leadership on each platform; returns how many deliveries went out. Never throws. */
export async function tellLeaders(outlets: Outlets, config: LeaderConfig, msg: Message, log: Logger): Promise<number> {
  let sent = 0;
  for (const outlet of outlets.all()) {
    try {
      if (outlet.platform === 'console') {
        await outlet.dm('operator', msg);
        sent++;
      } else if (outlet.platform === 'slack') {
        if (config.SLACK_LEADERSHIP_CHANNEL) {
          await outlet.post(config.SLACK_LEADERSHIP_CHANNEL, msg);
          sent++;
        } else for (const id of config.SLACK_LEADERS ?? []) if (await outlet.dm(id, msg)) sent++;
      } else if (outlet.platform === 'discord') {
        if (config.DISCORD_LEADERSHIP_CHANNEL) {
          await outlet.post(config.DISCORD_LEADERSHIP_CHANNEL, msg);
          sent++;
        } else log.warn({ title: msg.title }, 'no DISCORD_LEADERSHIP_CHANNEL: this message for leadership is not sent on Discord');
      }
    } catch (err) {
      log.error({ err, platform: outlet.platform }, 'could not send a message to leadership');
    }
  }
  return sent;
}
