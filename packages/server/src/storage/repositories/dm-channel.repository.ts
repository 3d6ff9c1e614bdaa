/** SQL for channel rows as messaging sees them, and for DM channels with their recipients. */
import { type Selectable, sql } from "kysely";
import type { Db } from "../database.js";
import type { ChannelsTable } from "../schema.js";

export type ChannelRow = Selectable<ChannelsTable>;

export class DmChannelRepository {
  constructor(private readonly db: Db) {}

  findChannel(id: string): Promise<ChannelRow | undefined> {
    return this.db.selectFrom("channels").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findByDmKey(key: string): Promise<ChannelRow | undefined> {
    return this.db.selectFrom("channels").selectAll().where("dm_key", "=", key).executeTakeFirst();
  }

  async create(channel: ChannelRow, recipientIds: string[], now: number): Promise<void> {
    await this.db.insertInto("channels").values(channel).execute();
    await this.addRecipients(channel.id, recipientIds, now);
  }

  async addRecipients(channelId: string, userIds: string[], now: number): Promise<void> {
    if (userIds.length === 0) return;
    await this.db
      .insertInto("channel_recipients")
      .values(userIds.map((user_id) => ({ channel_id: channelId, user_id, added_at: now })))
      .onConflict((oc) => oc.columns(["channel_id", "user_id"]).doNothing())
      .execute();
  }

  async removeRecipient(channelId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom("channel_recipients")
      .where("channel_id", "=", channelId)
      .where("user_id", "=", userId)
      .execute();
  }

  async recipients(channelId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("channel_recipients")
      .select("user_id")
      .where("channel_id", "=", channelId)
      .orderBy("added_at")
      .orderBy("user_id")
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Recipients of many channels at once, keyed by channel. */
  async recipientsOf(channelIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(channelIds.map((id) => [id, []]));
    if (channelIds.length === 0) return map;
    const rows = await this.db
      .selectFrom("channel_recipients")
      .select(["channel_id", "user_id"])
      .where("channel_id", "in", channelIds)
      .orderBy("added_at")
      .orderBy("user_id")
      .execute();
    for (const row of rows) map.get(row.channel_id)?.push(row.user_id);
    return map;
  }

  async isRecipient(channelId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("channel_recipients")
      .select("user_id")
      .where("channel_id", "=", channelId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The user's DM and group-DM channels, most recently active first. */
  listForUser(userId: string): Promise<ChannelRow[]> {
    return (
      this.db
        .selectFrom("channels")
        .innerJoin("channel_recipients", "channel_recipients.channel_id", "channels.id")
        .selectAll("channels")
        .where("channel_recipients.user_id", "=", userId)
        // A DM without messages sorts by its creation (its id); coalesce keeps NULL ordering out of it.
        .orderBy(sql`coalesce(channels.last_message_id, channels.id)`, "desc")
        .execute()
    );
  }

  async update(channelId: string, changes: Partial<Pick<ChannelRow, "name" | "owner_id">>): Promise<void> {
    await this.db.updateTable("channels").set(changes).where("id", "=", channelId).execute();
  }

  async delete(channelId: string): Promise<void> {
    await this.db.deleteFrom("channels").where("id", "=", channelId).execute();
  }

  /** Whether the two users are members of at least one common guild. */
  async shareGuild(a: string, b: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("members as ma")
      .innerJoin("members as mb", "mb.guild_id", "ma.guild_id")
      .select("ma.guild_id")
      .where("ma.user_id", "=", a)
      .where("mb.user_id", "=", b)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
