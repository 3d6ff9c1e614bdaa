/**
 * Writes the FTS5 index: rowid = message id, `content` the text, `meta` the filter tokens (g<guild> c<channel>
 * a<author> m<mentioned user> h<has> p1 when pinned) the search driver intersects doclists with.
 */
import { sql } from "kysely";
import type { Db } from "../storage/database.js";
import type { MessageSearchWriter, SearchDocument } from "./message-search.js";

function metaTokens(doc: SearchDocument): string {
  const tokens = [`c${doc.channel_id}`, `a${doc.author_id}`];
  if (doc.guild_id) tokens.push(`g${doc.guild_id}`);
  for (const id of doc.mention_user_ids) tokens.push(`m${id}`);
  for (const flag of doc.has) tokens.push(`h${flag}`);
  if (doc.pinned) tokens.push("p1");
  return tokens.join(" ");
}

export class SqliteFts5Writer implements MessageSearchWriter {
  constructor(private readonly db: Db) {}

  /** FTS5 has no upsert: the old entries go first. */
  async upsert(documents: SearchDocument[]): Promise<void> {
    await this.remove(documents.map((d) => d.id));
    await this.insert(documents);
  }

  /** One statement for all of `documents`, so a bulk write is not a statement per row. */
  async insert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const rows = documents.map((doc) => sql`(${BigInt(doc.id)}, ${doc.content}, ${metaTokens(doc)})`);
    await sql`insert into message_search (rowid, content, meta) values ${sql.join(rows)}`.execute(this.db);
  }

  async remove(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    const ids = messageIds.map((id) => BigInt(id));
    await sql`delete from message_search where rowid in (${sql.join(ids)})`.execute(this.db);
  }
}
