// What a handler sees: who, where, how to answer, and the services. Adapters build the platform half
// (`Surface`); the registry adds the rest. Nothing here knows Slack or Discord.
import type { Logger } from 'pino';
import type { Services } from '../services/index.js';
import type { CommandDef } from './command.js';
import type { Form, Message, MessageRef, Platform } from './message.js';

export interface Actor {
  platform: Platform;
  /** The platform's own user id (Slack U…, Discord snowflake, console name). */
  id: string;
  name: string;
  isLeader: boolean;
}

export interface Where {
  platform: Platform;
  channelId: string;
}

/** The part of a context that the adapter provides for one interaction. */
export interface Surface {
  actor: Actor;
  where: Where;
  /** Posts visibly in the channel; returns where it landed when the platform tells (for later edits). */
  reply(msg: Message | string): Promise<MessageRef | undefined>;
  /** Answers only the actor. */
  ephemeral(msg: Message | string): Promise<void>;
  /** Tells the platform that an answer is coming (Slack already acked; Discord deferReply). Idempotent. */
  defer(opts?: { ephemeral?: boolean }): Promise<void>;
  /** Opens a modal form. Returns false where the platform cannot (console, or no trigger available). */
  openForm(form: Form): Promise<boolean>;
  /** For button/select clicks: the message the control was on, and how to edit it. */
  source?: MessageRef;
  updateSource?(msg: Message): Promise<void>;
}

export interface Ctx extends Surface {
  /** The command (and subcommand) being run, e.g. 'poll create'. */
  command: string;
  services: Services;
  /** Every registered command (for help). */
  commands: readonly CommandDef[];
  log: Logger;
  now(): Date;
  /** True when the registry's raw-text guard flagged the member's words (see RegistryDeps.screen): keep none of them. */
  flagged: boolean;
}

/**
 * Posting outside an interaction (announcements, poll results, reminders). One per connected platform.
 */
export interface Outlet {
  platform: Platform;
  /** The configured home channel for announcements, if any. */
  announceChannel?: string;
  /**
   * Posts `msg`. With `send.key` (an idempotency key: one scheduled occurrence on one platform), a repeat of the
   * same key — a retry after a failure whose outcome was unknown, `send.retry` — returns the first post rather
   * than posting twice (Discord: nonce + enforce_nonce; Slack: message metadata looked up in recent history).
   */
  post(channelId: string, msg: Message, send?: { key: string; retry: boolean }): Promise<MessageRef>;
  update(ref: MessageRef, msg: Message): Promise<void>;
  /** Sends a direct message; false where the platform or the member's settings do not allow it. */
  dm(userId: string, msg: Message): Promise<boolean>;
  /** Whether a channel exists and the bot can post there (for validating leadership input). */
  canPost(channelId: string): Promise<boolean>;
  /**
   * The member ids of a channel (for a poll's eligible count and reminders), or undefined where the platform
   * does not let the bot list them (Discord without the privileged members intent).
   */
  members?(channelId: string): Promise<string[] | undefined>;
  /** The platform's own calendar entry for an event (Discord Guild Scheduled Events), where there is one. */
  calendar?: CalendarOutlet;
}

/** What a platform's native event needs: an external event with a location (a link or place) and an end. */
export interface CalendarEntry {
  name: string;
  description?: string;
  location: string;
  start: Date;
  end: Date;
  /**
   * A recurring event: the starts of this occurrence and every later one (`start` first) and how they repeat.
   * A platform makes one recurring entry where its rules say exactly these starts; otherwise an entry for `start`
   * alone, which the bot moves on to the next occurrence after each one ends.
   */
  series?: { starts: Date[]; repeat: 'weekly' | 'biweekly' | 'monthly' };
}

/**
 * Native events on a platform. `create` answers `refused` (a sentence for leadership) when it may not, and says
 * whether the entry recurs by itself (`recurring`: the platform repeats it; else it stands for one occurrence).
 */
export interface CalendarOutlet {
  create(channelId: string, entry: CalendarEntry): Promise<{ id: string; recurring?: boolean } | { refused: string }>;
  /** 'gone' when the platform no longer has a usable entry (deleted, or ended or cancelled there). */
  update(id: string, entry: CalendarEntry): Promise<void | 'gone'>;
  cancel(id: string): Promise<void>;
  /** Takes the entry off the platform's list (a recurring entry after its last occurrence). */
  remove(id: string): Promise<void>;
  /** How many members marked themselves interested; undefined when it cannot be read. */
  interested(id: string): Promise<number | undefined>;
}

/** Connected platforms, by name. Adapters add themselves when they start and remove themselves when they stop. */
export class Outlets {
  private readonly byPlatform = new Map<Platform, Outlet>();
  add(outlet: Outlet): void {
    this.byPlatform.set(outlet.platform, outlet);
  }
  remove(platform: Platform): void {
    this.byPlatform.delete(platform);
  }
  get(platform: Platform): Outlet | undefined {
    return this.byPlatform.get(platform);
  }
  all(): Outlet[] {
    return [...this.byPlatform.values()];
  }
}
