/** SQL for threads (channels with a parent) and their members. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { ThreadsTable } from "../schema.js";
import type { ChannelRow } from "./dm-channel.repository.js";

export type ThreadRow = Selectable<ThreadsTable>;
export type ThreadWithChannel = ThreadRow & { name: string; last_message_id: string | null };

export class ThreadRepository {
  constructor(private readonly db: Db) {}

  private withChannel() {
    return this.db
      .selectFrom("threads")
      .innerJoin("channels", "channels.id", "threads.channel_id")
      .selectAll("threads")
      .select(["channels.name", "channels.last_message_id"]);
  }

  find(threadId: string): Promise<ThreadWithChannel | undefined> {
    return this.withChannel().where("threads.channel_id", "=", threadId).executeTakeFirst();
  }

  byStarterMessages(messageIds: string[]): Promise<ThreadWithChannel[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.withChannel().where("threads.starter_message_id", "in", messageIds).execute();
  }

  async create(channel: ChannelRow, thread: ThreadRow): Promise<void> {
    await this.db.insertInto("channels").values(channel).execute();
    await this.db.insertInto("threads").values(thread).execute();
  }

  async update(threadId: string, changes: Partial<Omit<ThreadRow, "channel_id">>): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.db.updateTable("threads").set(changes).where("channel_id", "=", threadId).execute();
  }

  async rename(threadId: string, name: string): Promise<void> {
    await this.db.updateTable("channels").set({ name }).where("id", "=", threadId).execute();
  }

  /** A message was posted: count it, mark activity and reopen the thread if it had archived. */
  async recordMessage(threadId: string, now: number): Promise<void> {
    await this.db
      .updateTable("threads")
      .set((eb) => ({
        message_count: eb("message_count", "+", 1),
        last_activity_at: now,
        archived: 0,
        archive_timestamp: eb.case().when("archived", "=", 1).then(now).else(eb.ref("archive_timestamp")).end(),
      }))
      .where("channel_id", "=", threadId)
      .execute();
  }

  async recordDeletes(threadId: string, count: number): Promise<void> {
    await this.db
      .updateTable("threads")
      .set((eb) => ({ message_count: eb("message_count", "-", count) }))
      .where("channel_id", "=", threadId)
      .execute();
  }

  active(guildId: string): Promise<ThreadWithChannel[]> {
    return this.withChannel()
      .where("threads.guild_id", "=", guildId)
      .where("threads.archived", "=", 0)
      .orderBy("threads.channel_id", "desc")
      .execute();
  }

  archived(parentId: string, before: number, limit: number): Promise<ThreadWithChannel[]> {
    return this.withChannel()
      .where("threads.parent_id", "=", parentId)
      .where("threads.archived", "=", 1)
      .where("threads.archive_timestamp", "<", before)
      .orderBy("threads.archive_timestamp", "desc")
      .limit(limit)
      .execute();
  }

  /** Unarchived threads idle past their auto-archive duration at `now`. */
  idle(now: number, limit: number): Promise<ThreadWithChannel[]> {
    return (
      this.withChannel()
        .where("threads.archived", "=", 0)
        // Column arithmetic on the left keeps the parameter a bigint on PostgreSQL.
        .where((eb) =>
          eb(eb("threads.last_activity_at", "+", eb("threads.auto_archive_minutes", "*", 60_000)), "<", now),
        )
        .orderBy("threads.last_activity_at")
        .limit(limit)
        .execute()
    );
  }

  /** Thread ids under the given parents (for search scope and permission inheritance). */
  async idsUnder(parentIds: string[]): Promise<{ id: string; parent_id: string }[]> {
    if (parentIds.length === 0) return [];
    return this.db
      .selectFrom("threads")
      .select(["channel_id as id", "parent_id"])
      .where("parent_id", "in", parentIds)
      .execute();
  }

  async addMember(threadId: string, userId: string, now: number): Promise<boolean> {
    const result = await this.db
      .insertInto("thread_members")
      .values({ thread_id: threadId, user_id: userId, joined_at: now })
      .onConflict((oc) => oc.columns(["thread_id", "user_id"]).doNothing())
      .executeTakeFirst();
    const added = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    if (added) await this.adjustMembers(threadId, 1);
    return added;
  }

  async removeMember(threadId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("thread_members")
      .where("thread_id", "=", threadId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    const removed = result.numDeletedRows > 0n;
    if (removed) await this.adjustMembers(threadId, -1);
    return removed;
  }

  members(threadId: string, afterUserId: string, limit: number) {
    return this.db
      .selectFrom("thread_members")
      .selectAll()
      .where("thread_id", "=", threadId)
      .where("user_id", ">", afterUserId)
      .orderBy("user_id")
      .limit(limit)
      .execute();
  }

  private async adjustMembers(threadId: string, delta: number): Promise<void> {
    await this.db
      .updateTable("threads")
      .set((eb) => ({ member_count: eb("member_count", "+", delta) }))
      .where("channel_id", "=", threadId)
      .execute();
  }
}
