/** Guilds, channels with permission overwrites, roles, members, bans, invites and the audit log. */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("guilds")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("icon", "text")
    .addColumn("description", "text")
    .addColumn("owner_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("discoverable", "integer", (c) => c.notNull().defaultTo(0))
    // Bumped in the same transaction as any change to roles, channels or overwrites, so cached permission
    // contexts on every node can tell they are stale with one cheap read.
    .addColumn("access_version", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("guilds_discoverable").on("guilds").columns(["discoverable", "id"]).execute();

  await db.schema
    .createTable("channels")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    // Nullable so direct-message channels (messaging issue) can share this table.
    .addColumn("guild_id", "bigint", (c) => c.references("guilds.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("topic", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("parent_id", "bigint", (c) => c.references("channels.id").onDelete("set null"))
    .addColumn("nsfw", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("slowmode_seconds", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bitrate", "integer")
    .addColumn("user_limit", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("channels_guild_id").on("channels").column("guild_id").execute();

  await db.schema
    .createTable("channel_overwrites")
    .addColumn("channel_id", "bigint", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("target_id", "bigint", (c) => c.notNull())
    .addColumn("guild_id", "bigint", (c) => c.notNull().references("guilds.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("allow", "text", (c) => c.notNull())
    .addColumn("deny", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("channel_overwrites_pk", ["channel_id", "target_id"])
    .execute();
  await db.schema.createIndex("channel_overwrites_guild_id").on("channel_overwrites").column("guild_id").execute();
  await db.schema.createIndex("channel_overwrites_target_id").on("channel_overwrites").column("target_id").execute();

  await db.schema
    .createTable("roles")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("guild_id", "bigint", (c) => c.notNull().references("guilds.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("color", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hoist", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mentionable", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("permissions", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("roles_guild_id").on("roles").column("guild_id").execute();

  await db.schema
    .createTable("members")
    .addColumn("guild_id", "bigint", (c) => c.notNull().references("guilds.id").onDelete("cascade"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("nickname", "text")
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addColumn("timeout_until", "bigint")
    .addPrimaryKeyConstraint("members_pk", ["guild_id", "user_id"])
    .execute();
  await db.schema.createIndex("members_user_id").on("members").column("user_id").execute();

  await db.schema
    .createTable("member_roles")
    .addColumn("guild_id", "bigint", (c) => c.notNull())
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("role_id", "bigint", (c) => c.notNull().references("roles.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("member_roles_pk", ["guild_id", "user_id", "role_id"])
    .addForeignKeyConstraint(
      "member_roles_member_fk",
      ["guild_id", "user_id"],
      "members",
      ["guild_id", "user_id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("member_roles_role_id").on("member_roles").column("role_id").execute();

  await db.schema
    .createTable("bans")
    .addColumn("guild_id", "bigint", (c) => c.notNull().references("guilds.id").onDelete("cascade"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("reason", "text")
    .addColumn("delete_message_seconds", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("moderator_id", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("bans_pk", ["guild_id", "user_id"])
    .execute();

  await db.schema
    .createTable("invites")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("guild_id", "bigint", (c) => c.notNull().references("guilds.id").onDelete("cascade"))
    .addColumn("channel_id", "bigint", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("inviter_id", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("max_age_seconds", "integer", (c) => c.notNull())
    .addColumn("max_uses", "integer", (c) => c.notNull())
    .addColumn("uses", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint")
    .execute();
  await db.schema.createIndex("invites_guild_id").on("invites").column("guild_id").execute();

  await db.schema
    .createTable("audit_log_entries")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("guild_id", "bigint", (c) => c.notNull().references("guilds.id").onDelete("cascade"))
    .addColumn("actor_id", "bigint", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_id", "text")
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_log_entries_guild_id")
    .on("audit_log_entries")
    .columns(["guild_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "audit_log_entries",
    "invites",
    "bans",
    "member_roles",
    "members",
    "roles",
    "channel_overwrites",
    "channels",
    "guilds",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
