/** Pins: MANAGE_MESSAGES in guild channels (any recipient in a DM), at most MAX_PINS_PER_CHANNEL per channel. */
import { MAX_PINS_PER_CHANNEL, type Message } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError } from "../../errors.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import { type ChannelAccess, type ChannelView, requirePermission } from "./channel-access.js";
import { unknownMessage } from "./message.service.js";
import { publishToChannel } from "./message-events.js";
import type { MessagePresenter } from "./message-presenter.js";
import { searchDocument } from "./search-documents.js";

export interface PinServiceDeps {
  store: MessagingStore;
  access: ChannelAccess;
  presenter: MessagePresenter;
  events: EventPublisher;
}

export class PinService {
  constructor(private readonly deps: PinServiceDeps) {}

  async list(userId: string, channelId: string): Promise<Message[]> {
    await this.deps.access.require(userId, channelId, "READ_MESSAGE_HISTORY");
    return this.deps.presenter.presentMany(await this.deps.store.repos.messages.pinned(channelId), userId);
  }

  async pin(userId: string, channelId: string, messageId: string): Promise<void> {
    const view = await this.manage(userId, channelId);
    const changed = await this.deps.store.transaction(async (repos) => {
      const row = await repos.messages.findInChannel(channelId, messageId);
      if (!row) throw unknownMessage();
      if (row.pinned_at !== null) return false;
      if ((await repos.messages.pinCount(channelId)) >= MAX_PINS_PER_CHANNEL) {
        throw new DomainError("MAX_PINS_REACHED", `A channel can have at most ${MAX_PINS_PER_CHANNEL} pins.`);
      }
      const pinnedAt = Date.now();
      await repos.messages.setPinned(messageId, pinnedAt);
      await repos.search.upsert([searchDocument({ ...row, pinned_at: pinnedAt })]);
      return true;
    });
    if (changed) await this.publish(view);
  }

  async unpin(userId: string, channelId: string, messageId: string): Promise<void> {
    const view = await this.manage(userId, channelId);
    const changed = await this.deps.store.transaction(async (repos) => {
      const row = await repos.messages.findInChannel(channelId, messageId);
      if (!row) throw unknownMessage();
      if (row.pinned_at === null) return false;
      await repos.messages.setPinned(messageId, null);
      await repos.search.upsert([searchDocument({ ...row, pinned_at: null })]);
      return true;
    });
    if (changed) await this.publish(view);
  }

  private async manage(userId: string, channelId: string): Promise<ChannelView> {
    const view = await this.deps.access.require(userId, channelId, "READ_MESSAGE_HISTORY");
    if (view.kind !== "dm") requirePermission(view, "MANAGE_MESSAGES");
    return view;
  }

  private async publish(view: ChannelView): Promise<void> {
    const latest = await this.deps.store.repos.messages.latestPinAt(view.channel.id);
    await publishToChannel(this.deps.events, view, "CHANNEL_PINS_UPDATE", {
      channel_id: view.channel.id,
      guild_id: view.guildId,
      last_pin_timestamp: latest === null ? null : new Date(latest).toISOString(),
    });
  }
}
