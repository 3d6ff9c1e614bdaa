/**
 * Blob claims: an upload counts itself on the SHA-256 it is about to store before writing it, and uncounts itself
 * when it commits its reference; so the collector deleting the last other copy of the same bytes either finishes
 * first or sees the claim and keeps the blob.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("blob_claims")
    .addColumn("blob_key", "text", (c) => c.primaryKey())
    .addColumn("pending", "integer", (c) => c.notNull())
    .addColumn("claimed_at", "bigint", (c) => c.notNull())
    .execute();
  // The sweeper drops claims left by uploads that failed or crashed before adding their reference.
  await db.schema.createIndex("blob_claims_claimed_at").on("blob_claims").column("claimed_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("blob_claims").execute();
}
