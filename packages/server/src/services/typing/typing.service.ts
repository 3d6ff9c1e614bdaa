/** Typing indicators: an ephemeral TYPING_START to everyone else who can see the channel; nothing is stored. */
import type { AccessService } from "../../access/access.service.js";
import type { EventPublisher } from "../../bus/bus.js";
import { guildTopic } from "../../events/domain-events.js";

export interface TypingServiceDeps {
  access: Pick<AccessService, "channel">;
  events: EventPublisher;
  now?: () => number;
}

export class TypingService {
  private readonly now: () => number;

  constructor(private readonly deps: TypingServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The caller must be able to send messages in the channel; clients show the indicator for 10 seconds. */
  async start(userId: string, channelId: string): Promise<void> {
    const access = await this.deps.access.channel(channelId, userId, "SEND_MESSAGES");
    const guildId = access.guild.id;
    await this.deps.events.publish(guildTopic(guildId), {
      type: "TYPING_START",
      guild_id: guildId,
      channel_id: channelId,
      data: { channel_id: channelId, guild_id: guildId, user_id: userId, timestamp: Math.floor(this.now() / 1000) },
    });
  }
}
