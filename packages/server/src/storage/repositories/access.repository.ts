/** The few queries behind every permission check: a guild's context and one member's standing in it. */
import type { Db } from "../database.js";

export interface GuildHead {
  id: string;
  owner_id: string;
  access_version: number;
}

export interface MemberStanding extends GuildHead {
  /** Null when the user is not a member. */
  member_user_id: string | null;
  timeout_until: number | null;
}

export class AccessRepository {
  constructor(private readonly db: Db) {}

  /** The guild's owner and access version together with the user's membership, in one query. */
  standing(guildId: string, userId: string): Promise<MemberStanding | undefined> {
    return this.db
      .selectFrom("guilds")
      .leftJoin("members", (join) =>
        join.onRef("members.guild_id", "=", "guilds.id").on("members.user_id", "=", userId),
      )
      .select([
        "guilds.id",
        "guilds.owner_id",
        "guilds.access_version",
        "members.user_id as member_user_id",
        "members.timeout_until",
      ])
      .where("guilds.id", "=", guildId)
      .executeTakeFirst();
  }

  /** The guild of a channel together with the user's standing there, in one query. */
  channelStanding(channelId: string, userId: string): Promise<(MemberStanding & { channel_id: string }) | undefined> {
    return this.db
      .selectFrom("channels")
      .innerJoin("guilds", "guilds.id", "channels.guild_id")
      .leftJoin("members", (join) =>
        join.onRef("members.guild_id", "=", "guilds.id").on("members.user_id", "=", userId),
      )
      .select([
        "channels.id as channel_id",
        "guilds.id",
        "guilds.owner_id",
        "guilds.access_version",
        "members.user_id as member_user_id",
        "members.timeout_until",
      ])
      .where("channels.id", "=", channelId)
      .executeTakeFirst();
  }

  head(guildId: string): Promise<GuildHead | undefined> {
    return this.db
      .selectFrom("guilds")
      .select(["id", "owner_id", "access_version"])
      .where("id", "=", guildId)
      .executeTakeFirst();
  }

  /** Roles, channels and overwrites: the shared part of a guild's permission context, in three queries. */
  async context(guildId: string) {
    const roles = await this.db
      .selectFrom("roles")
      .select(["id", "permissions", "position"])
      .where("guild_id", "=", guildId)
      .execute();
    const channels = await this.db
      .selectFrom("channels")
      .select(["id", "type", "parent_id"])
      .where("guild_id", "=", guildId)
      .orderBy("position")
      .orderBy("id")
      .execute();
    const overwrites = await this.db
      .selectFrom("channel_overwrites")
      .select(["channel_id", "target_id", "type", "allow", "deny"])
      .where("guild_id", "=", guildId)
      .execute();
    return { roles, channels, overwrites };
  }

  async roleIds(guildId: string, userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("member_roles")
      .select("role_id")
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .execute();
    return rows.map((r) => r.role_id);
  }

  /** Every member with roles and timeout, for audiences: two queries whatever the guild's size. */
  async allMembers(guildId: string) {
    const members = await this.db
      .selectFrom("members")
      .select(["user_id", "timeout_until"])
      .where("guild_id", "=", guildId)
      .execute();
    const roles = await this.db
      .selectFrom("member_roles")
      .select(["user_id", "role_id"])
      .where("guild_id", "=", guildId)
      .execute();
    return { members, roles };
  }

  /** The guild of each channel id (unknown and non-guild channels are left out). */
  async guildsOfChannels(channelIds: readonly string[]): Promise<Map<string, string>> {
    if (channelIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("channels")
      .select(["id", "guild_id"])
      .where("id", "in", channelIds)
      .where("guild_id", "is not", null)
      .execute();
    return new Map(rows.map((r) => [r.id, r.guild_id as string]));
  }
}
