/** Writes the PostgreSQL search side table: the filter columns and a 'simple' tsvector of the text. */
import { sql } from "kysely";
import type { Db } from "../storage/database.js";
import type { MessageSearchWriter, SearchDocument } from "./message-search.js";

export class PostgresSearchWriter implements MessageSearchWriter {
  constructor(private readonly db: Db) {}

  /** One statement either way: the upsert's conflict clause costs nothing when there is no conflict. */
  insert(documents: SearchDocument[]): Promise<void> {
    return this.upsert(documents);
  }

  /** One statement for all of `documents` (distinct messages), so a bulk write is not a round trip per row. */
  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const rows = documents.map(
      (doc) => sql`(${doc.id}, ${doc.channel_id}, ${doc.author_id}, ${doc.pinned ? 1 : 0}, ${doc.has},
        ${doc.mention_user_ids}::bigint[], to_tsvector('simple', ${doc.content}))`,
    );
    await sql`insert into message_search_pg (message_id, channel_id, author_id, pinned, has, mentions, document)
      values ${sql.join(rows)}
      on conflict (message_id) do update set pinned = excluded.pinned, has = excluded.has,
        mentions = excluded.mentions, document = excluded.document`.execute(this.db);
  }

  async remove(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await sql`delete from message_search_pg where message_id = any(${messageIds}::bigint[])`.execute(this.db);
  }
}
