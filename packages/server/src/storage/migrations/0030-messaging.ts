/**
 * Messaging: messages (paged by the (channel_id, id) index), nonces, mentions, reactions, read states,
 * notification settings, DM channels (rows in `channels` with recipients), relationships, threads and exports.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // DM and group-DM channels live in `channels` with guild_id null; threads are channels too.
  await db.schema.alterTable("channels").addColumn("owner_id", "bigint").execute();
  // "<low id>:<high id>" for 1:1 DMs, so opening a DM twice finds the same channel (NULLs never collide).
  await db.schema.alterTable("channels").addColumn("dm_key", "text").execute();
  await db.schema.alterTable("channels").addColumn("last_message_id", "bigint").execute();
  await db.schema.createIndex("channels_dm_key").on("channels").column("dm_key").unique().execute();

  await db.schema
    .createTable("channel_recipients")
    .addColumn("channel_id", "bigint", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("added_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("channel_recipients_pk", ["channel_id", "user_id"])
    .execute();
  await db.schema.createIndex("channel_recipients_user_id").on("channel_recipients").column("user_id").execute();

  await db.schema
    .createTable("messages")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("channel_id", "bigint", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("guild_id", "bigint")
    .addColumn("author_id", "bigint", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("edited_at", "bigint")
    .addColumn("reply_to_id", "bigint")
    .addColumn("mention_everyone", "integer", (c) => c.notNull().defaultTo(0))
    // JSON arrays of ids, as parsed and filtered at send time.
    .addColumn("mention_user_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("mention_role_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("mention_channel_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("pinned_at", "bigint")
    .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("embeds", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  // Every history page is one range scan of this index, whatever the depth.
  await db.schema.createIndex("messages_channel_id_id").on("messages").columns(["channel_id", "id"]).execute();
  // Slowmode (an author's latest message in a channel), export and deleting all of a user's messages.
  await db.schema
    .createIndex("messages_author_channel_id")
    .on("messages")
    .columns(["author_id", "channel_id", "id"])
    .execute();
  await db.schema.createIndex("messages_channel_pinned").on("messages").columns(["channel_id", "pinned_at"]).execute();

  await db.schema
    .createTable("message_nonces")
    .addColumn("channel_id", "bigint", (c) => c.notNull())
    .addColumn("author_id", "bigint", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("message_id", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_nonces_pk", ["channel_id", "author_id", "nonce"])
    .execute();
  await db.schema.createIndex("message_nonces_created_at").on("message_nonces").column("created_at").execute();

  // One row per mentioned target: a user, a role, or the guild id for @everyone/@here. Mention counts are
  // computed from these at read time, so a send does no per-recipient work.
  await db.schema
    .createTable("message_mentions")
    .addColumn("target_id", "bigint", (c) => c.notNull())
    .addColumn("channel_id", "bigint", (c) => c.notNull())
    .addColumn("message_id", "bigint", (c) => c.notNull().references("messages.id").onDelete("cascade"))
    .addColumn("author_id", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_mentions_pk", ["target_id", "channel_id", "message_id"])
    .execute();
  await db.schema.createIndex("message_mentions_message_id").on("message_mentions").column("message_id").execute();

  await db.schema
    .createTable("reactions")
    .addColumn("message_id", "bigint", (c) => c.notNull().references("messages.id").onDelete("cascade"))
    .addColumn("emoji", "text", (c) => c.notNull())
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("reactions_pk", ["message_id", "emoji", "user_id"])
    .execute();

  await db.schema
    .createTable("read_states")
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("channel_id", "bigint", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("last_read_id", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("read_states_pk", ["user_id", "channel_id"])
    .execute();

  await db.schema
    .createTable("notification_settings")
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("scope_id", "bigint", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("level", "text")
    .addColumn("muted_until", "bigint")
    .addPrimaryKeyConstraint("notification_settings_pk", ["user_id", "scope_id"])
    .execute();

  await db.schema
    .createTable("relationships")
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("target_id", "bigint", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("relationships_pk", ["user_id", "target_id"])
    .execute();
  await db.schema.createIndex("relationships_target_id").on("relationships").column("target_id").execute();

  await db.schema
    .createTable("messaging_settings")
    .addColumn("user_id", "bigint", (c) => c.primaryKey())
    .addColumn("dm_privacy", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("threads")
    .addColumn("channel_id", "bigint", (c) => c.primaryKey().references("channels.id").onDelete("cascade"))
    .addColumn("guild_id", "bigint", (c) => c.notNull())
    .addColumn("parent_id", "bigint", (c) => c.notNull())
    .addColumn("owner_id", "bigint", (c) => c.notNull())
    .addColumn("starter_message_id", "bigint")
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("auto_archive_minutes", "integer", (c) => c.notNull())
    .addColumn("archive_timestamp", "bigint")
    .addColumn("last_activity_at", "bigint", (c) => c.notNull())
    .addColumn("message_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("member_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("threads_starter_message_id")
    .on("threads")
    .column("starter_message_id")
    .unique()
    .execute();
  await db.schema
    .createIndex("threads_parent_archived")
    .on("threads")
    .columns(["parent_id", "archived", "archive_timestamp"])
    .execute();
  await db.schema.createIndex("threads_active").on("threads").columns(["archived", "last_activity_at"]).execute();

  await db.schema
    .createTable("thread_members")
    .addColumn("thread_id", "bigint", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("thread_members_pk", ["thread_id", "user_id"])
    .execute();
  await db.schema.createIndex("thread_members_user_id").on("thread_members").column("user_id").execute();

  await db.schema
    .createTable("data_exports")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("data_exports_user_id").on("data_exports").column("user_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "data_exports",
    "thread_members",
    "threads",
    "messaging_settings",
    "relationships",
    "notification_settings",
    "read_states",
    "reactions",
    "message_mentions",
    "message_nonces",
    "messages",
    "channel_recipients",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("channels_dm_key").execute();
  for (const column of ["last_message_id", "dm_key", "owner_id"]) {
    await db.schema.alterTable("channels").dropColumn(column).execute();
  }
}
