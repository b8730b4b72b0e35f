// Where a post goes: `--to slack|discord|both|console` resolved against the connected platforms, channels
// checked with the platform, and the text checked against the strictest limit it will be rendered into.
import type { Outlets } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import type { Platform } from '../../core/message.js';

export const TO_CHOICES = ['both', 'slack', 'discord', 'console'] as const;
export type To = (typeof TO_CHOICES)[number];

/**
 * Text limits per platform, for the part the adapters render the text into (../shared/reference/platform-limits.md):
 * Slack puts it in one section block (3,000); Discord in an embed description (4,096). A post to several
 * platforms must fit the strictest. The console has no limit of its own; it gets Slack's so that what works
 * there works in Slack.
 */
export const TEXT_LIMITS: Record<Platform, number> = { slack: 3000, discord: 4096, console: 3000 };

const NAMES: Record<Platform, string> = { slack: 'Slack', discord: 'Discord', console: 'the console' };

/** Omitted → every connected platform; `both` → Slack and Discord, both of which must be connected. */
export function resolveTargets(outlets: Outlets, to: To | undefined): Platform[] {
  const connected = outlets.all().map((o) => o.platform);
  const list = connected.map((p) => NAMES[p]).join(' and ') || 'none';
  if (!to) {
    if (!connected.length) throw new UserError('announce.no-outlet', 'No platform is connected right now, so there is nowhere to post.');
    return connected;
  }
  const wanted: Platform[] = to === 'both' ? ['slack', 'discord'] : [to];
  const missing = wanted.filter((p) => !connected.includes(p));
  if (missing.length) {
    throw new UserError(
      'announce.not-connected',
      `${missing.map((p) => NAMES[p]).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not connected to the bot, so I cannot post there. Connected: ${list}. Use --to with one of those.`,
    );
  }
  return wanted;
}

/** `--channel slack:C0123ABCD` (or a bare id when there is one target), each checked with its platform. */
export async function resolveChannels(outlets: Outlets, targets: Platform[], given: string[] = []): Promise<Partial<Record<Platform, string>>> {
  const out: Partial<Record<Platform, string>> = {};
  for (const raw of given) {
    const m = /^(slack|discord|console):(.+)$/i.exec(raw.trim());
    const platform = (m ? m[1]!.toLowerCase() : targets.length === 1 ? targets[0] : undefined) as Platform | undefined;
    const channel = (m ? m[2]! : raw).trim().replace(/^[#<]+|>$/g, '');
    if (!platform) {
      throw new UserError('announce.channel-which', `"${raw}" does not say which platform it is for. Write --channel slack:C0123ABCD or --channel discord:123456789012345678.`);
    }
    if (!targets.includes(platform)) {
      throw new UserError('announce.channel-target', `--channel names a ${NAMES[platform]} channel, but this post does not go to ${NAMES[platform]}.`);
    }
    const outlet = outlets.get(platform)!;
    if (!channel || !(await outlet.canPost(channel))) {
      throw new UserError('announce.channel-unknown', `I cannot post in ${NAMES[platform]} channel "${channel}": it does not exist or the bot is not in it. Invite the bot there, or leave out --channel to use the announcement channel.`);
    }
    out[platform] = channel;
  }
  for (const p of targets) {
    if (!out[p] && !outlets.get(p)?.announceChannel) {
      const env = p === 'slack' ? 'SLACK_ANNOUNCE_CHANNEL' : 'DISCORD_ANNOUNCE_CHANNEL';
      throw new UserError('announce.no-home', `${NAMES[p]} has no announcement channel (${env} is not set). Name one with --channel ${p}:<channel id>.`);
    }
  }
  return out;
}

/** Refuses empty text and text longer than the strictest limit among the targets. */
export function checkText(text: string, targets: Platform[], extra = 0): string {
  const t = text.trim();
  if (!t) throw new UserError('announce.empty', 'The announcement text is empty. Put the text in quotes, e.g. /announce now "CEU webinar Thursday at noon".');
  const [platform, limit] = targets.map((p) => [p, TEXT_LIMITS[p]] as const).sort((a, b) => a[1] - b[1])[0]!;
  if (t.length + extra > limit) {
    throw new UserError(
      'announce.too-long',
      `The text is ${t.length.toLocaleString('en-US')} characters; ${NAMES[platform]} allows ${limit.toLocaleString('en-US')}${extra ? ` including ${extra} for the mention` : ''}. Shorten it by ${(t.length + extra - limit).toLocaleString('en-US')} characters, or post a link to the full text.`,
    );
  }
  return t;
}

/** `--ping here` or `--ping role:<id>`. */
export function parsePing(ping: string | undefined): { kind: 'here' } | { kind: 'role'; role: string } | undefined {
  if (!ping) return undefined;
  const p = ping.trim().toLowerCase();
  if (p === 'here' || p === '@here') return { kind: 'here' };
  const m = /^role:@?&?([A-Za-z0-9]{1,40})$/i.exec(ping.trim());
  if (m) return { kind: 'role', role: m[1]! };
  throw new UserError('announce.ping', `--ping takes "here" or "role:<role id>", e.g. --ping role:123456789012345678.`);
}
