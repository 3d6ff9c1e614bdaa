/** Lets every node find the member timeouts that have run out with an index range scan. */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("members_timeout_until").on("members").column("timeout_until").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("members_timeout_until").execute();
}
