/**
 * Sending, editing, deleting and reading messages. A send is one transaction (nonce claim, message, mention rows,
 * search entry, the channel's last message) and one event after commit; nothing per recipient.
 */
import {
  type CreateMessage,
  type EditMessage,
  type HistoryQuery,
  type Message,
  MessageFlags,
  NONCE_WINDOW_MS,
} from "@nexus/protocol";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError, invalidField, notFound } from "../../errors.js";
import { guildTopic } from "../../events/domain-events.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { MessagingRepositories, MessagingStore } from "../../storage/messaging-store.js";
import type { AttachmentRow } from "../../storage/repositories/attachment.repository.js";
import type { HistoryCursor, MessageRow } from "../../storage/repositories/message.repository.js";
import { deleteAttachments } from "../attachments/attachment.service.js";
import { toAttachment } from "../attachments/attachment-presenter.js";
import type { BlobCollector } from "../attachments/blob-collector.js";
import type { RelationshipService } from "../relationships/relationship.service.js";
import { toThread } from "../threads/thread-presenter.js";
import { type ChannelAccess, type ChannelView, hasPermission, requirePermission } from "./channel-access.js";
import type { ContentEmojiFilter } from "./content-emoji.js";
import { type LinkPreviewScheduler, needsPreviewJob } from "./link-preview-jobs.js";
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
  /** Turns custom emoji tokens the author may not use in the channel into `:name:`. */
  emojis: ContentEmojiFilter;
  relationships: RelationshipService;
  /** Deletes the files of deleted messages once nothing else refers to them. */
  collector: BlobCollector;
  events: EventPublisher;
  ids: SnowflakeGenerator;
  /** Fetches link previews in the background after a send or edit. */
  previews: LinkPreviewScheduler;
  now?: () => number;
}

const unusableAttachments = () =>
  invalidField("attachment_ids", "must be files you uploaded to this channel and have not sent yet");

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
    await this.checkCanPost(view, userId);
    const replied = input.reply_to ? await messages.findInChannel(channelId, input.reply_to) : undefined;
    if (input.reply_to && !replied) {
      throw new DomainError("VALIDATION_FAILED", "The replied-to message is not in this channel.", {
        fields: { reply_to: "is not a message in this channel" },
      });
    }
    const content = await this.deps.emojis.apply(view, userId, input.content ?? "");
    const attachments = await this.unsentAttachments(view, userId, input.attachment_ids ?? []);
    const mentions = await this.deps.mentions.resolve(view, content, input.allowed_mentions, replied?.author_id);
    const row: MessageRow = {
      id: this.deps.ids.next(),
      channel_id: channelId,
      guild_id: view.guildId,
      author_id: userId,
      content,
      created_at: now,
      edited_at: null,
      reply_to_id: replied?.id ?? null,
      mention_everyone: mentions.everyone ? 1 : 0,
      mention_user_ids: JSON.stringify(mentions.users),
      mention_role_ids: JSON.stringify(mentions.roles),
      mention_channel_ids: JSON.stringify(mentions.channels),
      pinned_at: null,
      // Attachments never change after sending, so the message keeps their wire shape.
      attachments: JSON.stringify(attachments.map(toAttachment)),
      embeds: "[]",
      flags: input.flags ?? 0,
    };
    const stored = await this.deps.store.transaction(async (repos) => {
      if (
        input.nonce &&
        !(await repos.messages.claimNonce(channelId, userId, input.nonce, row.id, now, NONCE_WINDOW_MS))
      ) {
        // A concurrent send with this nonce committed first: answer with its message.
        return repos.messages.findByNonce(channelId, userId, input.nonce, now - NONCE_WINDOW_MS);
      }
      // Claimed in the write itself, so parallel sends cannot all pass; rolled back with it on failure.
      await this.claimSlowmodeSlot(repos, view, userId, now);
      if (
        attachments.length > 0 &&
        (await repos.attachments.claim(
          attachments.map((a) => a.id),
          channelId,
          userId,
          row.id,
        )) !== attachments.length
      ) {
        throw unusableAttachments();
      }
      await repos.messages.insert(row, MentionResolver.rows(mentions, view, row.id, userId));
      await repos.search.insert([searchDocument(row)]);
      await repos.messages.setChannelLastMessage(channelId, row.id);
      if (view.thread) await repos.threads.recordMessage(channelId, now);
      // Recorded with the message, so the preview survives this node stopping before it runs.
      if (needsPreviewJob(row)) await repos.previewJobs.enqueue(row.id, channelId, now);
      return row;
    });
    if (!stored) throw new Error("nonce claimed but its message is missing");
    if (stored.id !== row.id) return { message: await this.withNonce(stored, userId, input.nonce), created: false };
    const message = { ...(await this.deps.presenter.presentCreated(row, replied)), nonce: input.nonce ?? null };
    await publishToChannel(this.deps.events, view, "MESSAGE_CREATE", message);
    if (view.thread?.archived === 1) await this.publishReopened(view);
    this.deps.previews.wake();
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

  /**
   * Only the author edits the content (mentions are re-parsed and the search entry replaced in the same
   * transaction); SUPPRESS_EMBEDS may also be set by anyone with MANAGE_MESSAGES. Link previews follow later.
   */
  async edit(userId: string, channelId: string, messageId: string, input: EditMessage): Promise<Message> {
    const view = await this.deps.access.view(userId, channelId);
    const row = await this.deps.store.repos.messages.findInChannel(channelId, messageId);
    if (!row) throw unknownMessage();
    if (input.content !== undefined && row.author_id !== userId) {
      throw new DomainError("FORBIDDEN", "Only the author can edit a message.");
    }
    if (input.flags !== undefined && row.author_id !== userId) requirePermission(view, "MANAGE_MESSAGES");
    let updated: MessageRow = row;
    if (input.content !== undefined) updated = await this.editContent(view, row, input.content, input.allowed_mentions);
    if (input.flags !== undefined && input.flags !== row.flags) {
      // Suppressing drops the embeds at once; clearing the flag lets the preview job build them again.
      const embeds = (input.flags & MessageFlags.SUPPRESS_EMBEDS) !== 0 ? "[]" : undefined;
      await this.deps.store.repos.messages.updateFlags(messageId, input.flags, embeds);
      updated = { ...updated, flags: input.flags, embeds: embeds ?? updated.embeds };
    }
    const message = await this.deps.presenter.presentOne(updated, userId);
    await publishToChannel(this.deps.events, view, "MESSAGE_UPDATE", { ...message, reactions: neutral(message) });
    await this.deps.previews.schedule(updated);
    return message;
  }

  private async editContent(
    view: ChannelView,
    row: MessageRow,
    written: string,
    allowedMentions: EditMessage["allowed_mentions"],
  ): Promise<MessageRow> {
    const content = await this.deps.emojis.apply(view, row.author_id, written);
    const mentions = await this.deps.mentions.resolve(view, content, allowedMentions);
    const changes = {
      content,
      edited_at: this.now(),
      mention_everyone: mentions.everyone ? 1 : 0,
      mention_user_ids: JSON.stringify(mentions.users),
      mention_role_ids: JSON.stringify(mentions.roles),
      mention_channel_ids: JSON.stringify(mentions.channels),
    };
    const updated: MessageRow = { ...row, ...changes };
    await this.deps.store.transaction(async (repos) => {
      await repos.messages.updateContent(row.id, changes, MentionResolver.rows(mentions, view, row.id, row.author_id));
      await repos.search.upsert([searchDocument(updated)]);
    });
    return updated;
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
    const released = await this.deps.store.transaction(async (repos) => {
      const files = await deleteAttachments(repos, await repos.attachments.idsOfMessages(ids));
      const deleted = await repos.messages.delete(ids);
      await repos.search.remove(ids);
      if (view.channel.last_message_id && ids.includes(view.channel.last_message_id)) {
        await repos.messages.refreshChannelLastMessage(channelId);
      }
      if (view.thread && deleted > 0) await repos.threads.recordDeletes(channelId, deleted);
      return files;
    });
    await this.deps.collector.collect(released);
  }

  /** The uploads named by `ids`, in that order: ATTACH_FILES, and each one the sender's, here, and unsent. */
  private async unsentAttachments(view: ChannelView, userId: string, ids: string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    requirePermission(view, "ATTACH_FILES");
    const rows = await this.deps.store.repos.attachments.unsent(view.channel.id, userId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.flatMap((id) => byId.get(id) ?? []);
    if (ordered.length !== ids.length) throw unusableAttachments();
    return ordered;
  }

  /** Blocks in 1:1 DMs and locked threads (slowmode is claimed inside the write: claimSlowmodeSlot). */
  private async checkCanPost(view: ChannelView, userId: string): Promise<void> {
    if (view.thread?.locked === 1 && !hasPermission(view, "MANAGE_THREADS")) {
      throw new DomainError("THREAD_LOCKED", "This thread is locked.");
    }
    if (view.channel.type === "dm") {
      const other = view.recipients.find((id) => id !== userId);
      if (other && (await this.deps.relationships.isBlockedEitherWay(userId, other))) {
        throw new DomainError("CANNOT_MESSAGE_USER", "You cannot send messages to this user.");
      }
    }
  }

  /** Slowmode: 429 unless the author's last post here is old enough (MANAGE_MESSAGES/MANAGE_CHANNELS are exempt). */
  private async claimSlowmodeSlot(
    repos: MessagingRepositories,
    view: ChannelView,
    userId: string,
    now: number,
  ): Promise<void> {
    const windowMs = view.channel.slowmode_seconds * 1000;
    if (windowMs <= 0 || hasPermission(view, "MANAGE_MESSAGES") || hasPermission(view, "MANAGE_CHANNELS")) return;
    const lastAt = await repos.messages.claimSlowmodeSlot(view.channel.id, userId, now, windowMs);
    if (lastAt !== undefined) {
      const retryAfter = (lastAt + windowMs - now) / 1000;
      throw new DomainError("RATE_LIMITED", "Slowmode is on in this channel.", { retryAfter });
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
