/** One-time password-reset tokens sent by email, and case-insensitive lookup of accounts by email. */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("password_reset_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_reset_tokens_user_id").on("password_reset_tokens").column("user_id").execute();
  await sql`create index users_email_key on users (lower(email))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("users_email_key").execute();
  await db.schema.dropTable("password_reset_tokens").execute();
}
