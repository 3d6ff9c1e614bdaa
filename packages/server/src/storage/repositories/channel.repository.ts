/** SQL for guild channels and their permission overwrites. */
import { CHANNEL_TYPES } from "@nexus/protocol";
import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "../database.js";
import type { ChannelOverwritesTable, ChannelsTable } from "../schema.js";

export type ChannelRow = Selectable<ChannelsTable>;
export type GuildChannelRow = ChannelRow & { guild_id: string };
export type OverwriteRow = Selectable<ChannelOverwritesTable>;

export class ChannelRepository {
  constructor(private readonly db: Db) {}

  async insert(channel: Insertable<ChannelsTable>): Promise<void> {
    await this.db.insertInto("channels").values(channel).execute();
  }

  findById(id: string): Promise<ChannelRow | undefined> {
    return this.db.selectFrom("channels").selectAll().where("id", "=", id).executeTakeFirst();
  }

  listByGuild(guildId: string): Promise<GuildChannelRow[]> {
    return (
      this.db
        .selectFrom("channels")
        .selectAll()
        .where("guild_id", "=", guildId)
        // Threads are rows here too (messaging); they are listed through the thread endpoints.
        .where("type", "in", CHANNEL_TYPES)
        .orderBy("position")
        .orderBy("id")
        .execute() as Promise<GuildChannelRow[]>
    );
  }

  async countByGuild(guildId: string): Promise<number> {
    const row = await this.db
      .selectFrom("channels")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("guild_id", "=", guildId)
      .where("type", "in", CHANNEL_TYPES)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(id: string, changes: Updateable<ChannelsTable>): Promise<void> {
    await this.db.updateTable("channels").set(changes).where("id", "=", id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("channels").where("id", "=", id).execute();
  }

  /** Moves a category's channels out of it; returns their ids. */
  async detachChildren(categoryId: string): Promise<string[]> {
    const children = await this.db.selectFrom("channels").select("id").where("parent_id", "=", categoryId).execute();
    await this.db.updateTable("channels").set({ parent_id: null }).where("parent_id", "=", categoryId).execute();
    return children.map((c) => c.id);
  }

  overwritesForGuild(guildId: string): Promise<OverwriteRow[]> {
    return this.db
      .selectFrom("channel_overwrites")
      .selectAll()
      .where("guild_id", "=", guildId)
      .orderBy("channel_id")
      .orderBy("target_id")
      .execute();
  }

  overwritesForChannel(channelId: string): Promise<OverwriteRow[]> {
    return this.db
      .selectFrom("channel_overwrites")
      .selectAll()
      .where("channel_id", "=", channelId)
      .orderBy("target_id")
      .execute();
  }

  async putOverwrite(row: OverwriteRow): Promise<void> {
    await this.db
      .insertInto("channel_overwrites")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["channel_id", "target_id"]).doUpdateSet({ type: row.type, allow: row.allow, deny: row.deny }),
      )
      .execute();
  }

  async deleteOverwrite(channelId: string, targetId: string): Promise<void> {
    await this.db
      .deleteFrom("channel_overwrites")
      .where("channel_id", "=", channelId)
      .where("target_id", "=", targetId)
      .execute();
  }

  /** Removes every overwrite that targets `targetId` in the guild (a deleted role, a departed member). */
  async deleteOverwritesForTarget(guildId: string, targetId: string): Promise<string[]> {
    const affected = await this.db
      .selectFrom("channel_overwrites")
      .select("channel_id")
      .where("guild_id", "=", guildId)
      .where("target_id", "=", targetId)
      .execute();
    if (affected.length === 0) return [];
    await this.db
      .deleteFrom("channel_overwrites")
      .where("guild_id", "=", guildId)
      .where("target_id", "=", targetId)
      .execute();
    return affected.map((a) => a.channel_id);
  }

  async replaceOverwrites(channelId: string, rows: OverwriteRow[]): Promise<void> {
    await this.db.deleteFrom("channel_overwrites").where("channel_id", "=", channelId).execute();
    if (rows.length > 0) await this.db.insertInto("channel_overwrites").values(rows).execute();
  }
}
