/**
 * The outbox of an external search index (Meilisearch): which messages and channels changed, written in the same
 * transaction as the change, drained by the index pusher. Rows hold only ids: the pusher reads the message as it
 * is when it pushes, so pushing is idempotent and an older state can never overwrite a newer one.
 *
 * Channels are deleted in several places and their messages go by cascade, so a trigger records the channel; it
 * fires only once an external index has registered itself (a row in search_outbox_lease), so deployments on the
 * built-in engines never fill the outbox.
 */
import { type Kysely, SqliteAdapter, sql } from "kysely";

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  // kind "message": ref is a message id whose document may be stale; kind "channel": ref is a deleted channel.
  await sql`create table search_outbox (
    seq ${sql.raw(isSqlite(db) ? "integer primary key autoincrement" : "bigint generated always as identity primary key")},
    kind text not null,
    ref text not null
  )`.execute(db);
  // One row per external index: which process may push now (until expires_at, ms since the epoch).
  await db.schema
    .createTable("search_outbox_lease")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  if (isSqlite(db)) {
    await sql`create trigger search_outbox_channel_deleted after delete on channels
      when exists (select 1 from search_outbox_lease)
      begin insert into search_outbox (kind, ref) values ('channel', cast(old.id as text)); end`.execute(db);
    return;
  }
  await sql`create function search_outbox_channel_deleted() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from search_outbox_lease) then
        insert into search_outbox (kind, ref) values ('channel', old.id::text);
      end if;
      return old;
    end $$`.execute(db);
  await sql`create trigger search_outbox_channel_deleted after delete on channels
    for each row execute function search_outbox_channel_deleted()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger search_outbox_channel_deleted${sql.raw(isSqlite(db) ? "" : " on channels")}`.execute(db);
  if (!isSqlite(db)) await sql`drop function search_outbox_channel_deleted()`.execute(db);
  await db.schema.dropTable("search_outbox_lease").execute();
  await db.schema.dropTable("search_outbox").execute();
}
