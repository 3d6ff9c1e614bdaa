/** SQL for reactions: per-message counts with the viewer's own, and who reacted, paged by user id. */
import type { Db } from "../database.js";

export interface ReactionCount {
  message_id: string;
  emoji: string;
  count: number;
  me: number;
}

export class ReactionRepository {
  constructor(private readonly db: Db) {}

  /** Adds the reaction; false if it was already there. */
  async add(messageId: string, emoji: string, userId: string, now: number): Promise<boolean> {
    const result = await this.db
      .insertInto("reactions")
      .values({ message_id: messageId, emoji, user_id: userId, created_at: now })
      .onConflict((oc) => oc.columns(["message_id", "emoji", "user_id"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async remove(messageId: string, emoji: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("reactions")
      .where("message_id", "=", messageId)
      .where("emoji", "=", emoji)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async removeAll(messageId: string): Promise<number> {
    const result = await this.db.deleteFrom("reactions").where("message_id", "=", messageId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Counts per (message, emoji) for a page of messages, in order of each emoji's first use. */
  counts(messageIds: string[], viewerId: string): Promise<ReactionCount[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("reactions")
      .select((eb) => [
        "message_id",
        "emoji",
        eb.fn.countAll<number>().as("count"),
        eb.fn.max(eb.case().when("user_id", "=", viewerId).then(1).else(0).end()).as("me"),
        eb.fn.min("created_at").as("first_at"),
      ])
      .where("message_id", "in", messageIds)
      .groupBy(["message_id", "emoji"])
      .orderBy("first_at")
      .execute() as Promise<ReactionCount[]>;
  }

  users(messageId: string, emoji: string, afterUserId: string, limit: number): Promise<string[]> {
    return this.db
      .selectFrom("reactions")
      .select("user_id")
      .where("message_id", "=", messageId)
      .where("emoji", "=", emoji)
      .where("user_id", ">", afterUserId)
      .orderBy("user_id")
      .limit(limit)
      .execute()
      .then((rows) => rows.map((r) => r.user_id));
  }
}
