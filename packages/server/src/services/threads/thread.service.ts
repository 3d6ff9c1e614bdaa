/**
 * Threads: started from a message or standalone (a forum post starts with its first message), joined and left,
 * archived after idling past their auto-archive duration, locked by moderators. Permissions come from the parent
 * channel plus CREATE_THREADS / SEND_MESSAGES_IN_THREADS / MANAGE_THREADS.
 */
import type { StartThread, Thread, ThreadMember, UpdateThread } from "@nexus/protocol";
import { missingPermission } from "../../access/member-access.js";
import type { EventPublisher } from "../../bus/bus.js";
import { DomainError } from "../../errors.js";
import { guildTopic } from "../../events/domain-events.js";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { ThreadWithChannel } from "../../storage/repositories/thread.repository.js";
import {
  type ChannelAccess,
  type ChannelView,
  hasPermission,
  THREAD_TYPE,
  unknownChannel,
} from "../messages/channel-access.js";
import type { MessageService } from "../messages/message.service.js";
import { unknownMessage } from "../messages/message.service.js";
import { toThread, toThreadMember } from "./thread-presenter.js";

const THREAD_PARENT_TYPES = new Set(["text", "announcement", "forum"]);

export interface ThreadServiceDeps {
  store: MessagingStore;
  access: ChannelAccess;
  messages: MessageService;
  events: EventPublisher;
  ids: SnowflakeGenerator;
  now?: () => number;
}

export class ThreadService {
  private readonly now: () => number;

  constructor(private readonly deps: ThreadServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A standalone thread, or a forum post (whose first message is required and sent as the thread's first). */
  async start(userId: string, parentId: string, input: StartThread): Promise<Thread> {
    const parent = await this.parentView(userId, parentId);
    const isForum = parent.channel.type === "forum";
    if (isForum && !input.message) {
      throw new DomainError("VALIDATION_FAILED", "A forum post needs its first message.", {
        fields: { message: "is required in forum channels" },
      });
    }
    if (input.message && !hasPermission(parent, "SEND_MESSAGES_IN_THREADS")) {
      throw missingPermission("SEND_MESSAGES_IN_THREADS");
    }
    const thread = await this.create(userId, parent, input.name, input.auto_archive_duration, null);
    if (input.message) await this.deps.messages.send(userId, thread.id, { content: input.message.content });
    return this.present(thread.id);
  }

  async startFromMessage(
    userId: string,
    channelId: string,
    messageId: string,
    input: { name: string; auto_archive_duration: number },
  ): Promise<Thread> {
    const parent = await this.parentView(userId, channelId);
    const { messages, threads } = this.deps.store.repos;
    if (!(await messages.findInChannel(channelId, messageId))) throw unknownMessage();
    if ((await threads.byStarterMessages([messageId])).length > 0) {
      throw new DomainError("CONFLICT", "That message already has a thread.");
    }
    return this.create(userId, parent, input.name, input.auto_archive_duration, messageId);
  }

  async get(userId: string, threadId: string): Promise<Thread> {
    const view = await this.threadView(userId, threadId);
    return toThread(view.thread as ThreadWithChannel);
  }

  /** The owner renames, archives and sets the duration; locking and acting on others' threads need MANAGE_THREADS. */
  async update(userId: string, threadId: string, changes: UpdateThread): Promise<Thread> {
    const view = await this.threadView(userId, threadId);
    const thread = view.thread as ThreadWithChannel;
    const manager = hasPermission(view, "MANAGE_THREADS");
    if (!manager && (thread.owner_id !== userId || changes.locked !== undefined))
      throw missingPermission("MANAGE_THREADS");
    if (!manager && changes.archived === false && thread.locked === 1) {
      throw new DomainError("THREAD_LOCKED", "This thread is locked.");
    }
    const now = this.now();
    await this.deps.store.transaction(async (repos) => {
      if (changes.name !== undefined) await repos.threads.rename(threadId, changes.name);
      await repos.threads.update(threadId, {
        ...(changes.locked !== undefined && { locked: changes.locked ? 1 : 0 }),
        ...(changes.auto_archive_duration !== undefined && { auto_archive_minutes: changes.auto_archive_duration }),
        ...(changes.archived !== undefined &&
          changes.archived !== (thread.archived === 1) && {
            archived: changes.archived ? 1 : 0,
            archive_timestamp: now,
            // Unarchiving restarts the inactivity clock.
            ...(!changes.archived && { last_activity_at: now }),
          }),
      });
    });
    return this.publishUpdate(threadId);
  }

  async delete(userId: string, threadId: string): Promise<void> {
    const view = await this.threadView(userId, threadId);
    if (!hasPermission(view, "MANAGE_THREADS")) throw missingPermission("MANAGE_THREADS");
    const thread = view.thread as ThreadWithChannel;
    await this.deps.store.repos.dmChannels.delete(threadId);
    await this.deps.events.publish(guildTopic(thread.guild_id), {
      type: "THREAD_DELETE",
      guild_id: thread.guild_id,
      channel_id: thread.parent_id,
      data: { id: threadId, guild_id: thread.guild_id, parent_id: thread.parent_id },
    });
  }

  async join(userId: string, threadId: string): Promise<void> {
    await this.threadView(userId, threadId);
    await this.addMember(threadId, userId);
  }

  async leave(userId: string, threadId: string): Promise<void> {
    await this.threadView(userId, threadId);
    await this.removeMember(threadId, userId);
  }

  /** Adding someone else needs them to see the parent and the actor to be able to post there. */
  async addOther(actorId: string, threadId: string, targetId: string): Promise<void> {
    const view = await this.threadView(actorId, threadId);
    if (!hasPermission(view, "SEND_MESSAGES")) throw missingPermission("SEND_MESSAGES_IN_THREADS");
    await this.threadView(targetId, threadId).catch(() => {
      throw new DomainError("UNKNOWN_MEMBER", "That user cannot see this thread.");
    });
    await this.addMember(threadId, targetId);
  }

  async removeOther(actorId: string, threadId: string, targetId: string): Promise<void> {
    const view = await this.threadView(actorId, threadId);
    if (actorId !== targetId && !hasPermission(view, "MANAGE_THREADS")) throw missingPermission("MANAGE_THREADS");
    await this.removeMember(threadId, targetId);
  }

  async members(userId: string, threadId: string, page: { after?: string; limit: number }): Promise<ThreadMember[]> {
    await this.threadView(userId, threadId);
    const rows = await this.deps.store.repos.threads.members(threadId, page.after ?? "0", page.limit);
    return rows.map(toThreadMember);
  }

  /** Active threads in the guild under channels the user can view. */
  async active(userId: string, guildId: string): Promise<Thread[]> {
    const { readable } = await this.deps.access.readableInGuild(userId, guildId);
    const visible = new Set(readable);
    const rows = await this.deps.store.repos.threads.active(guildId);
    return rows.filter((t) => visible.has(t.parent_id)).map(toThread);
  }

  async archived(
    userId: string,
    parentId: string,
    page: { before?: string; limit: number },
  ): Promise<{ threads: Thread[]; has_more: boolean }> {
    await this.deps.access.require(userId, parentId, "READ_MESSAGE_HISTORY");
    const before = page.before ? Date.parse(page.before) : Number.MAX_SAFE_INTEGER;
    const rows = await this.deps.store.repos.threads.archived(parentId, before, page.limit + 1);
    return { threads: rows.slice(0, page.limit).map(toThread), has_more: rows.length > page.limit };
  }

  /** Archives threads idle past their duration at `now`; run periodically. Returns how many it archived. */
  async archiveIdle(now = this.now()): Promise<number> {
    const idle = await this.deps.store.repos.threads.idle(now, 500);
    for (const thread of idle) {
      await this.deps.store.repos.threads.update(thread.channel_id, { archived: 1, archive_timestamp: now });
      await this.publishUpdate(thread.channel_id);
    }
    return idle.length;
  }

  /** Publishes THREAD_UPDATE with the thread as it now is (also used when a message reopens one). */
  async publishUpdate(threadId: string): Promise<Thread> {
    const thread = await this.present(threadId);
    await this.deps.events.publish(guildTopic(thread.guild_id), {
      type: "THREAD_UPDATE",
      guild_id: thread.guild_id,
      channel_id: thread.parent_id,
      data: thread,
    });
    return thread;
  }

  private async create(
    userId: string,
    parent: ChannelView,
    name: string,
    autoArchive: number,
    starterMessageId: string | null,
  ): Promise<Thread> {
    const id = this.deps.ids.next();
    const now = this.now();
    const guildId = parent.guildId as string;
    await this.deps.store.transaction(async (repos) => {
      await repos.threads.create(
        {
          id,
          guild_id: guildId,
          type: THREAD_TYPE,
          name,
          topic: null,
          position: 0,
          parent_id: parent.channel.id,
          nsfw: parent.channel.nsfw,
          slowmode_seconds: 0,
          bitrate: null,
          user_limit: null,
          created_at: now,
          owner_id: userId,
          dm_key: null,
          last_message_id: null,
        },
        {
          channel_id: id,
          guild_id: guildId,
          parent_id: parent.channel.id,
          owner_id: userId,
          starter_message_id: starterMessageId,
          archived: 0,
          locked: 0,
          auto_archive_minutes: autoArchive,
          archive_timestamp: null,
          last_activity_at: now,
          message_count: 0,
          member_count: 0,
          created_at: now,
        },
      );
      await repos.threads.addMember(id, userId, now);
    });
    const thread = await this.present(id);
    await this.deps.events.publish(guildTopic(guildId), {
      type: "THREAD_CREATE",
      guild_id: guildId,
      channel_id: parent.channel.id,
      data: thread,
    });
    return thread;
  }

  private async parentView(userId: string, channelId: string): Promise<ChannelView> {
    const view = await this.deps.access.require(userId, channelId, "CREATE_THREADS");
    if (view.kind !== "guild" || !THREAD_PARENT_TYPES.has(view.channel.type)) {
      throw new DomainError(
        "VALIDATION_FAILED",
        "Threads can only be started in text, announcement and forum channels.",
      );
    }
    return view;
  }

  private async threadView(userId: string, threadId: string): Promise<ChannelView> {
    const view = await this.deps.access.view(userId, threadId);
    if (!view.thread) throw unknownChannel();
    return view;
  }

  private async present(threadId: string): Promise<Thread> {
    const row = await this.deps.store.repos.threads.find(threadId);
    if (!row) throw unknownChannel();
    return toThread(row);
  }

  private async addMember(threadId: string, userId: string): Promise<void> {
    const now = this.now();
    if (await this.deps.store.repos.threads.addMember(threadId, userId, now)) {
      await this.publishMembers(threadId, [{ thread_id: threadId, user_id: userId, joined_at: now }], []);
    }
  }

  private async removeMember(threadId: string, userId: string): Promise<void> {
    if (await this.deps.store.repos.threads.removeMember(threadId, userId)) {
      await this.publishMembers(threadId, [], [userId]);
    }
  }

  private async publishMembers(
    threadId: string,
    added: { thread_id: string; user_id: string; joined_at: number }[],
    removed: string[],
  ): Promise<void> {
    const thread = await this.present(threadId);
    await this.deps.events.publish(guildTopic(thread.guild_id), {
      type: "THREAD_MEMBERS_UPDATE",
      guild_id: thread.guild_id,
      channel_id: thread.parent_id,
      data: {
        id: threadId,
        guild_id: thread.guild_id,
        member_count: thread.member_count,
        added_members: added.map(toThreadMember),
        removed_member_ids: removed,
      },
    });
  }
}
