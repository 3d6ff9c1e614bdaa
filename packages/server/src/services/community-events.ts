/** Publishes community domain events after commit, on the topics the gateway listens to. */
import type { PermissionName } from "@nexus/protocol";
import type { EventPublisher } from "../bus/bus.js";
import { type DomainEventMap, type DomainEventType, guildTopic, userTopic } from "../events/domain-events.js";

export interface GuildEventOptions {
  channelId?: string;
  permission?: PermissionName;
}

export class CommunityEvents {
  constructor(private readonly bus: EventPublisher) {}

  /** To every member of the guild (filtered by channel visibility and `permission` when given). */
  toGuild<K extends DomainEventType>(
    guildId: string,
    type: K,
    data: DomainEventMap[K],
    options: GuildEventOptions = {},
  ): Promise<void> {
    return this.bus.publish(guildTopic(guildId), {
      type,
      guild_id: guildId,
      ...(options.channelId !== undefined && { channel_id: options.channelId }),
      ...(options.permission !== undefined && { permission: options.permission }),
      data,
    });
  }

  /** To one user's sessions (a guild appearing or disappearing for them). */
  toUser<K extends DomainEventType>(userId: string, type: K, data: DomainEventMap[K], guildId: string): Promise<void> {
    return this.bus.publish(userTopic(userId), { type, guild_id: guildId, data });
  }
}
