/**
 * Sending, editing, deleting and reading messages. A send is one transaction (nonce claim, message, mention rows,
 * search entry, the channel's last message) and one event after commit; nothing per recipient.
 */
import {
  type CreateMessage,
  type EditMessage,
  type HistoryQuery,
  type Message,
  NONCE_WINDOW_MS,
} from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError, notFound } from "../../errors.js";
import { guildTopic } from "../../events/domain-events.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { HistoryCursor, MessageRow } from "../../storage/repositories/message.repository.js";
import type { RelationshipService } from "../relationships/relationship.service.js";
import { toThread } from "../threads/thread-presenter.js";
import { type ChannelAccess, type ChannelView, hasPermission, requirePermission } from "./channel-access.js";
import { MentionResolver } from "./mention-resolver.js";
import { publishToChannel } from "./message-events.js";
import type { MessagePresenter } from "./message-presenter.js";
import { searchDocument } from "./search-documents.js";

export const unknownMessage = () => notFound("Message", "UNKNOWN_MESSAGE");

export interface SendResult {
  message: Message;
  /** false when the nonce matched an earlier send: nothing new was stored or dispatched. */
  created: boolean;
}

export interface MessageServiceDeps {
  store: MessagingStore;
  access: ChannelAccess;
  presenter: MessagePresenter;
  mentions: MentionResolver;
  relationships: RelationshipService;
  events: EventPublisher;
  ids: SnowflakeGenerator;
  now?: () => number;
}

export class MessageService {
  private readonly now: () => number;

  constructor(private readonly deps: MessageServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async send(userId: string, channelId: string, input: CreateMessage): Promise<SendResult> {
    const view = await this.deps.access.view(userId, channelId);
    requirePermission(view, view.thread ? "SEND_MESSAGES_IN_THREADS" : "SEND_MESSAGES");
    const { messages } = this.deps.store.repos;
    const now = this.now();
    if (input.nonce) {
      const earlier = await messages.findByNonce(channelId, userId, input.nonce, now - NONCE_WINDOW_MS);
      if (earlier) return { message: await this.withNonce(earlier, userId, input.nonce), created: false };
    }
    await this.checkCanPost(view, userId, now);
    const replied = input.reply_to ? await messages.findInChannel(channelId, input.reply_to) : undefined;
    if (input.reply_to && !replied) {
      throw new DomainError("VALIDATION_FAILED", "The replied-to message is not in this channel.", {
        fields: { reply_to: "is not a message in this channel" },
      });
    }
    const mentions = await this.deps.mentions.resolve(view, input.content, input.allowed_mentions, replied?.author_id);
    const row: MessageRow = {
      id: this.deps.ids.next(),
      channel_id: channelId,
      guild_id: view.guildId,
      author_id: userId,
      content: input.content,
      created_at: now,
      edited_at: null,
      reply_to_id: replied?.id ?? null,
      mention_everyone: mentions.everyone ? 1 : 0,
      mention_user_ids: JSON.stringify(mentions.users),
      mention_role_ids: JSON.stringify(mentions.roles),
      mention_channel_ids: JSON.stringify(mentions.channels),
      pinned_at: null,
      attachments: "[]",
      embeds: "[]",
    };
    const stored = await this.deps.store.transaction(async (repos) => {
      if (
        input.nonce &&
        !(await repos.messages.claimNonce(channelId, userId, input.nonce, row.id, now, NONCE_WINDOW_MS))
      ) {
        // A concurrent send with this nonce committed first: answer with its message.
        return repos.messages.findByNonce(channelId, userId, input.nonce, now - NONCE_WINDOW_MS);
      }
      await repos.messages.insert(row, MentionResolver.rows(mentions, view, row.id, userId));
      await repos.search.upsert([searchDocument(row)]);
      await repos.messages.setChannelLastMessage(channelId, row.id);
      if (view.thread) await repos.threads.recordMessage(channelId, now);
      return row;
    });
    if (!stored) throw new Error("nonce claimed but its message is missing");
    if (stored.id !== row.id) return { message: await this.withNonce(stored, userId, input.nonce), created: false };
    const message = { ...(await this.deps.presenter.presentOne(row, userId)), nonce: input.nonce ?? null };
    await publishToChannel(this.deps.events, view, "MESSAGE_CREATE", message);
    if (view.thread?.archived === 1) await this.publishReopened(view);
    return { message, created: true };
  }

  async get(userId: string, channelId: string, messageId: string): Promise<Message> {
    await this.deps.access.require(userId, channelId, "READ_MESSAGE_HISTORY");
    const row = await this.deps.store.repos.messages.findInChannel(channelId, messageId);
    if (!row) throw unknownMessage();
    return this.deps.presenter.presentOne(row, userId);
  }

  async history(userId: string, channelId: string, query: HistoryQuery): Promise<Message[]> {
    await this.deps.access.require(userId, channelId, "READ_MESSAGE_HISTORY");
    const cursor: HistoryCursor = query.before
      ? { before: query.before }
      : query.after
        ? { after: query.after }
        : query.around
          ? { around: query.around }
          : {};
    const rows = await this.deps.store.repos.messages.page(channelId, cursor, query.limit);
    return this.deps.presenter.presentMany(rows, userId);
  }

  /** Only the author edits; mentions are re-parsed and the search entry replaced in the same transaction. */
  async edit(userId: string, channelId: string, messageId: string, input: EditMessage): Promise<Message> {
    const view = await this.deps.access.view(userId, channelId);
    const row = await this.deps.store.repos.messages.findInChannel(channelId, messageId);
    if (!row) throw unknownMessage();
    if (row.author_id !== userId) throw new DomainError("FORBIDDEN", "Only the author can edit a message.");
    const mentions = await this.deps.mentions.resolve(view, input.content, input.allowed_mentions);
    const changes = {
      content: input.content,
      edited_at: this.now(),
      mention_everyone: mentions.everyone ? 1 : 0,
      mention_user_ids: JSON.stringify(mentions.users),
      mention_role_ids: JSON.stringify(mentions.roles),
      mention_channel_ids: JSON.stringify(mentions.channels),
    };
    const updated: MessageRow = { ...row, ...changes };
    await this.deps.store.transaction(async (repos) => {
      await repos.messages.updateContent(messageId, changes, MentionResolver.rows(mentions, view, messageId, userId));
      await repos.search.upsert([searchDocument(updated)]);
    });
    const message = await this.deps.presenter.presentOne(updated, userId);
    await publishToChannel(this.deps.events, view, "MESSAGE_UPDATE", { ...message, reactions: neutral(message) });
    return message;
  }

  /** The author, or anyone with MANAGE_MESSAGES there. */
  async delete(userId: string, channelId: string, messageId: string): Promise<void> {
    const view = await this.deps.access.view(userId, channelId);
    const row = await this.deps.store.repos.messages.findInChannel(channelId, messageId);
    if (!row) throw unknownMessage();
    if (row.author_id !== userId) requirePermission(view, "MANAGE_MESSAGES");
    await this.removeMessages(view, [messageId]);
    await publishToChannel(this.deps.events, view, "MESSAGE_DELETE", {
      id: messageId,
      channel_id: channelId,
      guild_id: view.guildId,
    });
  }

  /** MANAGE_MESSAGES; every id must be a message in this channel (checked in one query). */
  async bulkDelete(userId: string, channelId: string, messageIds: string[]): Promise<void> {
    const view = await this.deps.access.require(userId, channelId, "MANAGE_MESSAGES");
    const unique = [...new Set(messageIds)];
    const found = await this.deps.store.repos.messages.findManyInChannel(channelId, unique);
    if (found.length !== unique.length) {
      const known = new Set(found.map((r) => r.id));
      const missing = unique.filter((id) => !known.has(id));
      throw new DomainError("VALIDATION_FAILED", "Some messages are not in this channel.", {
        fields: { messages: `unknown message ids: ${missing.join(", ")}` },
      });
    }
    await this.removeMessages(view, unique);
    await publishToChannel(this.deps.events, view, "MESSAGE_DELETE_BULK", {
      ids: unique,
      channel_id: channelId,
      guild_id: view.guildId,
    });
  }

  /**
   * Deletes every message the user wrote (account deletion with that option), a batch at a time, with one
   * MESSAGE_DELETE_BULK per channel and batch. Returns how many were deleted.
   */
  async deleteAllByAuthor(userId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.deps.store.repos.messages.byAuthor(userId, { channel_id: "0", id: "0" }, 500);
      if (batch.length === 0) return total;
      const byChannel = new Map<string, MessageRow[]>();
      for (const row of batch) byChannel.set(row.channel_id, [...(byChannel.get(row.channel_id) ?? []), row]);
      for (const [channelId, rows] of byChannel) {
        const view = await this.deps.access.system(channelId);
        if (!view) continue;
        const ids = rows.map((r) => r.id);
        await this.removeMessages(view, ids);
        await publishToChannel(this.deps.events, view, "MESSAGE_DELETE_BULK", {
          ids,
          channel_id: channelId,
          guild_id: view.guildId,
        });
        total += ids.length;
      }
    }
  }

  private async removeMessages(view: ChannelView, ids: string[]): Promise<void> {
    const channelId = view.channel.id;
    await this.deps.store.transaction(async (repos) => {
      const deleted = await repos.messages.delete(ids);
      await repos.search.remove(ids);
      if (view.channel.last_message_id && ids.includes(view.channel.last_message_id)) {
        await repos.messages.refreshChannelLastMessage(channelId);
      }
      if (view.thread && deleted > 0) await repos.threads.recordDeletes(channelId, deleted);
    });
  }

  /** Slowmode, blocks in 1:1 DMs, and locked threads. */
  private async checkCanPost(view: ChannelView, userId: string, now: number): Promise<void> {
    if (view.thread?.locked === 1 && !hasPermission(view, "MANAGE_THREADS")) {
      throw new DomainError("THREAD_LOCKED", "This thread is locked.");
    }
    if (view.channel.type === "dm") {
      const other = view.recipients.find((id) => id !== userId);
      if (other && (await this.deps.relationships.isBlockedEitherWay(userId, other))) {
        throw new DomainError("CANNOT_MESSAGE_USER", "You cannot send messages to this user.");
      }
    }
    const slowmode = view.channel.slowmode_seconds;
    if (slowmode > 0 && !hasPermission(view, "MANAGE_MESSAGES") && !hasPermission(view, "MANAGE_CHANNELS")) {
      const last = await this.deps.store.repos.messages.latestByAuthor(view.channel.id, userId);
      const waitMs = last ? last.created_at + slowmode * 1000 - now : 0;
      if (waitMs > 0) {
        throw new DomainError("RATE_LIMITED", "Slowmode is on in this channel.", { retryAfter: waitMs / 1000 });
      }
    }
  }

  /** Posting in an archived (unlocked) thread reopened it. */
  private async publishReopened(view: ChannelView): Promise<void> {
    const thread = await this.deps.store.repos.threads.find(view.channel.id);
    if (!thread) return;
    await this.deps.events.publish(guildTopic(thread.guild_id), {
      type: "THREAD_UPDATE",
      guild_id: thread.guild_id,
      channel_id: thread.parent_id,
      data: toThread(thread),
    });
  }

  private async withNonce(row: MessageRow, viewerId: string, nonce: string | undefined): Promise<Message> {
    return { ...(await this.deps.presenter.presentOne(row, viewerId)), nonce: nonce ?? null };
  }
}

/** Events go to many viewers, so `me` cannot be anyone's. */
export function neutral(message: Message): Message["reactions"] {
  return message.reactions.map((r) => ({ ...r, me: false }));
}
