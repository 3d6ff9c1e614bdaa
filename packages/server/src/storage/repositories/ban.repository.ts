/** SQL for guild bans. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { BansTable } from "../schema.js";
import type { UserRow } from "./user.repository.js";

export type BanRow = Selectable<BansTable>;

export class BanRepository {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces the ban (banning again updates the reason). */
  async put(ban: BanRow): Promise<void> {
    await this.db
      .insertInto("bans")
      .values(ban)
      .onConflict((oc) =>
        oc.columns(["guild_id", "user_id"]).doUpdateSet({
          reason: ban.reason,
          delete_message_seconds: ban.delete_message_seconds,
          moderator_id: ban.moderator_id,
          created_at: ban.created_at,
        }),
      )
      .execute();
  }

  find(guildId: string, userId: string): Promise<BanRow | undefined> {
    return this.db
      .selectFrom("bans")
      .selectAll()
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
  }

  async isBanned(guildId: string, userId: string): Promise<boolean> {
    return (await this.find(guildId, userId)) !== undefined;
  }

  async list(guildId: string, after: string | undefined, limit: number): Promise<{ ban: BanRow; user: UserRow }[]> {
    let query = this.db
      .selectFrom("bans")
      .innerJoin("users", "users.id", "bans.user_id")
      .selectAll("users")
      .select(["bans.reason", "bans.delete_message_seconds", "bans.moderator_id", "bans.created_at as banned_at"])
      .where("bans.guild_id", "=", guildId)
      .orderBy("bans.user_id")
      .limit(limit);
    if (after) query = query.where("bans.user_id", ">", after);
    const rows = await query.execute();
    return rows.map(({ reason, delete_message_seconds, moderator_id, banned_at, ...user }) => ({
      ban: { guild_id: guildId, user_id: user.id, reason, delete_message_seconds, moderator_id, created_at: banned_at },
      user,
    }));
  }

  async delete(guildId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("bans")
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
