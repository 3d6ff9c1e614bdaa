/**
 * Slowmode claims: the author's last post time per channel, upserted in the message's own transaction so that
 * parallel sends under slowmode cannot all read "no recent post" and pass.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("slowmode_posts")
    .addColumn("channel_id", "bigint", (c) => c.notNull())
    .addColumn("author_id", "bigint", (c) => c.notNull())
    .addColumn("posted_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("slowmode_posts_pk", ["channel_id", "author_id"])
    .execute();
  await db.schema.createIndex("slowmode_posts_posted_at").on("slowmode_posts").column("posted_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("slowmode_posts").execute();
}
