/**
 * Custom emoji per guild. A deleted emoji stays as a tombstone (deleted_at set) so reactions made with it keep
 * their name and image, as on Discord; only live emoji count towards the limits and appear in lists.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("custom_emojis")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("guild_id", "bigint", (c) => c.notNull().references("guilds.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("animated", "integer", (c) => c.notNull())
    .addColumn("creator_id", "bigint")
    // Blob keys (SHA-256): the PNG (static) or GIF (animated) image, and the same picture as WebP.
    .addColumn("image_key", "text", (c) => c.notNull())
    .addColumn("webp_key", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("deleted_at", "bigint")
    .execute();
  await db.schema
    .createIndex("custom_emojis_guild_id")
    .on("custom_emojis")
    .columns(["guild_id", "deleted_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("custom_emojis").execute();
}
