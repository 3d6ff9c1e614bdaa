/**
 * Files: attachments (uploaded ahead of a message, then claimed by it), blob references (a blob is deleted when
 * its last reference goes), the stored sizes of avatars, guild icons and banners, and guilds' banner hash.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign keys: a cascade would drop rows without releasing their blobs. The sweeper removes attachments
  // whose message or channel is gone, and releases their blobs.
  await db.schema
    .createTable("attachments")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("channel_id", "bigint", (c) => c.notNull())
    .addColumn("uploader_id", "bigint", (c) => c.notNull())
    .addColumn("message_id", "bigint")
    .addColumn("blob_key", "text", (c) => c.notNull())
    .addColumn("thumbnail_key", "text")
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("spoiler", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("description", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  // A message's attachments; and unsent uploads (message_id null) by age for the sweeper.
  await db.schema
    .createIndex("attachments_message_id_created_at")
    .on("attachments")
    .columns(["message_id", "created_at"])
    .execute();

  // One row per (blob, owner), e.g. ("ab12…", "attachment:123"). A blob with no rows left may be deleted.
  await db.schema
    .createTable("blob_refs")
    .addColumn("blob_key", "text", (c) => c.notNull())
    .addColumn("owner_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("blob_refs_pk", ["blob_key", "owner_key"])
    .execute();
  await db.schema.createIndex("blob_refs_owner_key").on("blob_refs").column("owner_key").execute();

  // The stored variants of the current avatar ("avatar:<user id>"), icon or banner ("icon:<guild id>").
  await db.schema
    .createTable("profile_images")
    .addColumn("owner_key", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("blob_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("profile_images_pk", ["owner_key", "hash", "size"])
    .execute();

  await db.schema.alterTable("guilds").addColumn("banner", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("guilds").dropColumn("banner").execute();
  await db.schema.dropTable("profile_images").execute();
  await db.schema.dropTable("blob_refs").execute();
  await db.schema.dropTable("attachments").execute();
}
