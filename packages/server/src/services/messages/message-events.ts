/** Where messaging events go: a guild channel's (or thread's) guild topic, or a DM channel's own topic. */
import type { EventPublisher } from "../../bus/bus.js";
import { channelTopic, type DomainEventMap, type DomainEventType, guildTopic } from "../../events/domain-events.js";
import type { ChannelView } from "./channel-access.js";

export async function publishToChannel<K extends DomainEventType>(
  events: EventPublisher,
  view: ChannelView,
  type: K,
  data: DomainEventMap[K],
): Promise<void> {
  if (view.guildId === null) {
    await events.publish(channelTopic(view.channel.id), { type, channel_id: view.channel.id, data });
    return;
  }
  // A thread's audience is its parent's: filter delivery by the parent channel's VIEW_CHANNEL.
  const audienceChannel = view.thread ? view.thread.parent_id : view.channel.id;
  await events.publish(guildTopic(view.guildId), { type, guild_id: view.guildId, channel_id: audienceChannel, data });
}
