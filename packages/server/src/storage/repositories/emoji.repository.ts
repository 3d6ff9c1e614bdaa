/** SQL for custom emoji: live ones per guild, and any (tombstones included) by id for reactions. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { CustomEmojisTable } from "../schema.js";

export type EmojiRow = Selectable<CustomEmojisTable>;

export interface EmojiWithMembership {
  id: string;
  guild_id: string;
  deleted_at: number | null;
  member_id: string | null;
}

export class EmojiRepository {
  constructor(private readonly db: Db) {}

  async insert(row: EmojiRow): Promise<void> {
    await this.db.insertInto("custom_emojis").values(row).execute();
  }

  /** Live emoji of a guild, oldest first. */
  listByGuild(guildId: string): Promise<EmojiRow[]> {
    return this.db
      .selectFrom("custom_emojis")
      .selectAll()
      .where("guild_id", "=", guildId)
      .where("deleted_at", "is", null)
      .orderBy("id")
      .execute();
  }

  /** Live emoji of several guilds in one query (READY). */
  listByGuilds(guildIds: readonly string[]): Promise<EmojiRow[]> {
    if (guildIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("custom_emojis")
      .selectAll()
      .where("guild_id", "in", guildIds)
      .where("deleted_at", "is", null)
      .orderBy("id")
      .execute();
  }

  /** A live emoji of this guild. */
  findLive(guildId: string, emojiId: string): Promise<EmojiRow | undefined> {
    return this.db
      .selectFrom("custom_emojis")
      .selectAll()
      .where("guild_id", "=", guildId)
      .where("id", "=", emojiId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
  }

  /** Any emoji by id, deleted ones included. */
  findAny(emojiId: string): Promise<EmojiRow | undefined> {
    return this.db.selectFrom("custom_emojis").selectAll().where("id", "=", emojiId).executeTakeFirst();
  }

  /** Emoji by id, deleted ones included (reactions on a page of messages). */
  findManyAny(ids: readonly string[]): Promise<EmojiRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom("custom_emojis").selectAll().where("id", "in", ids).execute();
  }

  /**
   * Emoji by id, deleted ones included, each with whether `userId` is a member of its guild (`member_id` null if
   * not): everything a message's custom emoji tokens need, in one query.
   */
  findManyWithMembership(ids: readonly string[], userId: string): Promise<EmojiWithMembership[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("custom_emojis")
      .leftJoin("members", (join) =>
        join.onRef("members.guild_id", "=", "custom_emojis.guild_id").on("members.user_id", "=", userId),
      )
      .select([
        "custom_emojis.id",
        "custom_emojis.guild_id",
        "custom_emojis.deleted_at",
        "members.user_id as member_id",
      ])
      .where("custom_emojis.id", "in", ids)
      .execute();
  }

  async rename(emojiId: string, name: string): Promise<void> {
    await this.db.updateTable("custom_emojis").set({ name }).where("id", "=", emojiId).execute();
  }

  async markDeleted(emojiId: string, now: number): Promise<void> {
    await this.db.updateTable("custom_emojis").set({ deleted_at: now }).where("id", "=", emojiId).execute();
  }
}
