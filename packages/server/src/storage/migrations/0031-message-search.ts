/**
 * The full-text index for message search, kept in the same transaction as message writes: an FTS5 table on
 * SQLite, a tsvector side table with GIN indexes on PostgreSQL (each read only by its own search driver).
 */
import { type Kysely, SqliteAdapter, sql } from "kysely";

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) {
    await sql`create table message_search_pg (
      message_id bigint primary key references messages(id) on delete cascade,
      channel_id bigint not null,
      author_id bigint not null,
      pinned integer not null,
      has text[] not null,
      mentions bigint[] not null,
      document tsvector not null
    )`.execute(db);
    await sql`create index message_search_pg_document on message_search_pg using gin (document)`.execute(db);
    await sql`create index message_search_pg_channel on message_search_pg (channel_id, message_id)`.execute(db);
    await sql`create index message_search_pg_mentions on message_search_pg using gin (mentions)`.execute(db);
    return;
  }
  // Contentless (the text lives in `messages`), rowid = message id. `meta` holds filter tokens (g<guild>,
  // c<channel>, a<author>, m<mentioned user>, h<has>, p1 when pinned) so every filter is an index lookup.
  await sql`create virtual table message_search using fts5(
    content, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table ${sql.raw(isSqlite(db) ? "message_search" : "message_search_pg")}`.execute(db);
}
