/**
 * Pending link-preview jobs, so a job survives the node that took the request: any node claims due jobs with a
 * lease (SKIP LOCKED on PostgreSQL), and a job whose node died is taken again once its lease runs out.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // One job per message: a later edit replaces it (new token, attempts back to 0).
  await db.schema
    .createTable("link_preview_jobs")
    .addColumn("message_id", "bigint", (c) => c.primaryKey())
    .addColumn("channel_id", "bigint", (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("run_at", "bigint", (c) => c.notNull())
    .addColumn("locked_until", "bigint")
    .execute();
  await db.schema.createIndex("link_preview_jobs_run_at").on("link_preview_jobs").column("run_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("link_preview_jobs").execute();
}
