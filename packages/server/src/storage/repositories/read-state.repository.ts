/** SQL for read states, mention counts derived from mention rows, and notification settings. */
import { type Selectable, sql } from "kysely";
import type { Db } from "../database.js";
import type { NotificationSettingsTable } from "../schema.js";

export type NotificationSettingRow = Selectable<NotificationSettingsTable>;

export class ReadStateRepository {
  constructor(private readonly db: Db) {}

  /** Moves the read marker to `messageId`; only forwards unless `backwards` (an explicit Mark Unread). */
  async ack(userId: string, channelId: string, messageId: string, now: number, backwards: boolean): Promise<void> {
    await this.db
      .insertInto("read_states")
      .values({ user_id: userId, channel_id: channelId, last_read_id: messageId, updated_at: now })
      .onConflict((oc) => {
        const update = oc.columns(["user_id", "channel_id"]).doUpdateSet({ last_read_id: messageId, updated_at: now });
        return backwards ? update : update.where("read_states.last_read_id", "<", messageId);
      })
      .execute();
  }

  async lastRead(userId: string, channelIds: string[]): Promise<Map<string, string>> {
    if (channelIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("read_states")
      .select(["channel_id", "last_read_id"])
      .where("user_id", "=", userId)
      .where("channel_id", "in", channelIds)
      .execute();
    return new Map(rows.map((r) => [r.channel_id, r.last_read_id]));
  }

  async lastMessages(channelIds: string[]): Promise<Map<string, string | null>> {
    if (channelIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("channels")
      .select(["id", "last_message_id"])
      .where("id", "in", channelIds)
      .execute();
    return new Map(rows.map((r) => [r.id, r.last_message_id]));
  }

  /**
   * Per channel, how many messages after the user's last read one mention them: directly, through one of
   * `targetIds` (their roles, and guild ids for @everyone/@here), by someone else.
   */
  /** Per channel: unread messages mentioning any of the targets, and those naming the user personally. */
  async mentionCounts(
    userId: string,
    channelIds: string[],
    targetIds: string[],
  ): Promise<Map<string, { mentions: number; direct: number }>> {
    if (channelIds.length === 0 || targetIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("message_mentions as mm")
      .leftJoin("read_states as rs", (join) =>
        join.onRef("rs.channel_id", "=", "mm.channel_id").on("rs.user_id", "=", userId),
      )
      .select((eb) => [
        "mm.channel_id",
        eb.fn.count<number>("mm.message_id").distinct().as("mentions"),
        eb.fn
          .count<number>(eb.case().when("mm.target_id", "=", userId).then(eb.ref("mm.message_id")).end())
          .distinct()
          .as("direct"),
      ])
      .where("mm.target_id", "in", targetIds)
      .where("mm.channel_id", "in", channelIds)
      .where("mm.author_id", "<>", userId)
      .where(sql<boolean>`mm.message_id > coalesce(rs.last_read_id, 0)`)
      .groupBy("mm.channel_id")
      .execute();
    return new Map(rows.map((r) => [r.channel_id, { mentions: Number(r.mentions), direct: Number(r.direct) }]));
  }

  async guildIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom("members").select("guild_id").where("user_id", "=", userId).execute();
    return rows.map((r) => r.guild_id);
  }

  notificationSettings(userId: string): Promise<NotificationSettingRow[]> {
    return this.db.selectFrom("notification_settings").selectAll().where("user_id", "=", userId).execute();
  }

  async saveNotificationSetting(row: NotificationSettingRow): Promise<void> {
    await this.db
      .insertInto("notification_settings")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["user_id", "scope_id"]).doUpdateSet({ level: row.level, muted_until: row.muted_until }),
      )
      .execute();
  }
}
