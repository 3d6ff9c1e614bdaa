/**
 * Link previews: the SUPPRESS_EMBEDS message flag, the per-server and per-user switches (a row only where previews
 * are off), and the shared cache of fetched previews, so every node reuses what any node fetched.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("messages")
    .addColumn("flags", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // scope_id is a guild id or a user id (snowflakes never collide); enabled is 0 or 1.
  await db.schema
    .createTable("link_preview_settings")
    .addColumn("scope_id", "bigint", (c) => c.primaryKey())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .execute();
  // embed is the Embed JSON, or null for "this URL has no preview" (remembered too, for less time).
  await db.schema
    .createTable("link_preview_cache")
    .addColumn("url", "text", (c) => c.primaryKey())
    .addColumn("embed", "text")
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("link_preview_cache_expires_at").on("link_preview_cache").column("expires_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("link_preview_cache").execute();
  await db.schema.dropTable("link_preview_settings").execute();
  await db.schema.alterTable("messages").dropColumn("flags").execute();
}
