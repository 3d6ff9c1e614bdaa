/**
 * Typing indicators: an ephemeral TYPING_START to everyone else who can see the channel — a guild channel, a thread
 * (its parent's audience) or a DM — through messaging's channel access, so the rules match sending. Nothing is stored.
 */
import type { EventPublisher } from "../../bus/bus.js";
import { type ChannelAccess, requirePermission } from "../messages/channel-access.js";
import { publishToChannel } from "../messages/message-events.js";

export interface TypingServiceDeps {
  access: Pick<ChannelAccess, "view">;
  events: EventPublisher;
  now?: () => number;
}

export class TypingService {
  private readonly now: () => number;

  constructor(private readonly deps: TypingServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The caller must be able to send in the channel (in a thread: SEND_MESSAGES_IN_THREADS); clients show 10 s. */
  async start(userId: string, channelId: string): Promise<void> {
    const view = await this.deps.access.view(userId, channelId);
    requirePermission(view, "SEND_MESSAGES");
    await publishToChannel(this.deps.events, view, "TYPING_START", {
      channel_id: channelId,
      ...(view.guildId === null ? {} : { guild_id: view.guildId }),
      user_id: userId,
      timestamp: Math.floor(this.now() / 1000),
    });
  }
}
