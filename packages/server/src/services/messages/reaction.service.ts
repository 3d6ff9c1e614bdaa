/** Reactions: add and remove your own, moderators remove anyone's or all, and list who reacted. */
import type { PublicUser, ReactionEmoji } from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { UserLookupRepository } from "../../storage/repositories/user-lookup.repository.js";
import { toPublicUser } from "../users/user-presenter.js";
import type { ChannelAccess, ChannelView } from "./channel-access.js";
import { unknownMessage } from "./message.service.js";
import { publishToChannel } from "./message-events.js";
import type { ReactionEmojiResolver } from "./reaction-emoji.js";

export interface ReactionServiceDeps {
  store: MessagingStore;
  access: ChannelAccess;
  users: UserLookupRepository;
  events: EventPublisher;
  emojis: ReactionEmojiResolver;
}

export class ReactionService {
  constructor(private readonly deps: ReactionServiceDeps) {}

  /** Needs READ_MESSAGE_HISTORY and ADD_REACTIONS (and for another guild's emoji, USE_EXTERNAL_EMOJI). */
  async add(userId: string, channelId: string, messageId: string, emojiText: string): Promise<void> {
    const view = await this.deps.access.require(userId, channelId, "READ_MESSAGE_HISTORY", "ADD_REACTIONS");
    const { key, emoji } = await this.deps.emojis.usable(view, userId, emojiText);
    await this.requireMessage(channelId, messageId);
    const added = await this.deps.store.repos.reactions.add(messageId, key, userId, Date.now());
    if (added) await this.publish(view, "MESSAGE_REACTION_ADD", messageId, userId, emoji);
  }

  async removeOwn(userId: string, channelId: string, messageId: string, emojiText: string): Promise<void> {
    const { key, emoji } = await this.deps.emojis.existing(emojiText);
    const view = await this.deps.access.require(userId, channelId, "READ_MESSAGE_HISTORY");
    await this.requireMessage(channelId, messageId);
    if (await this.deps.store.repos.reactions.remove(messageId, key, userId)) {
      await this.publish(view, "MESSAGE_REACTION_REMOVE", messageId, userId, emoji);
    }
  }

  async removeUser(actorId: string, channelId: string, messageId: string, emojiText: string, targetId: string) {
    if (actorId === targetId) return this.removeOwn(actorId, channelId, messageId, emojiText);
    const { key, emoji } = await this.deps.emojis.existing(emojiText);
    const view = await this.deps.access.require(actorId, channelId, "MANAGE_MESSAGES");
    await this.requireMessage(channelId, messageId);
    if (await this.deps.store.repos.reactions.remove(messageId, key, targetId)) {
      await this.publish(view, "MESSAGE_REACTION_REMOVE", messageId, targetId, emoji);
    }
  }

  async removeAll(actorId: string, channelId: string, messageId: string): Promise<void> {
    const view = await this.deps.access.require(actorId, channelId, "MANAGE_MESSAGES");
    await this.requireMessage(channelId, messageId);
    if ((await this.deps.store.repos.reactions.removeAll(messageId)) > 0) {
      await publishToChannel(this.deps.events, view, "MESSAGE_REACTION_REMOVE_ALL", {
        message_id: messageId,
        channel_id: channelId,
        guild_id: view.guildId,
      });
    }
  }

  async users(
    userId: string,
    channelId: string,
    messageId: string,
    emojiText: string,
    page: { after?: string; limit: number },
  ): Promise<PublicUser[]> {
    const { key } = await this.deps.emojis.existing(emojiText);
    await this.deps.access.require(userId, channelId, "READ_MESSAGE_HISTORY");
    await this.requireMessage(channelId, messageId);
    const ids = await this.deps.store.repos.reactions.users(messageId, key, page.after ?? "0", page.limit);
    const users = await this.deps.users.findByIds(ids);
    return ids.flatMap((id) => {
      const user = users.get(id);
      return user ? [toPublicUser(user)] : [];
    });
  }

  private async requireMessage(channelId: string, messageId: string): Promise<void> {
    if (!(await this.deps.store.repos.messages.findInChannel(channelId, messageId))) throw unknownMessage();
  }

  private publish(
    view: ChannelView,
    type: "MESSAGE_REACTION_ADD" | "MESSAGE_REACTION_REMOVE",
    messageId: string,
    userId: string,
    emoji: ReactionEmoji,
  ): Promise<void> {
    return publishToChannel(this.deps.events, view, type, {
      message_id: messageId,
      user_id: userId,
      channel_id: view.channel.id,
      guild_id: view.guildId,
      emoji,
    });
  }
}
