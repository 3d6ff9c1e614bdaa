/**
 * PostgreSQL search driver: a side table with a tsvector ('simple' configuration, so no language is assumed) and
 * the filter columns, GIN-indexed. Ranking mirrors the FTS5 driver: ts_rank over the RANKING_WINDOW most recent
 * matches, recency breaking ties.
 */
import { sql } from "kysely";
import type { Db } from "../storage/database.js";
import {
  type MessageSearchEngine,
  type MessageSearchWriter,
  queryTerms,
  RANKING_WINDOW,
  type SearchDocument,
  type SearchHits,
  type SearchSpec,
} from "./message-search.js";
import { COUNT_CAP } from "./sqlite-fts5-search.js";

class PostgresSearchWriter implements MessageSearchWriter {
  constructor(private readonly db: Db) {}

  async upsert(documents: SearchDocument[]): Promise<void> {
    for (const doc of documents) {
      await sql`insert into message_search_pg (message_id, channel_id, author_id, pinned, has, mentions, document)
        values (${doc.id}, ${doc.channel_id}, ${doc.author_id}, ${doc.pinned ? 1 : 0}, ${doc.has},
          ${doc.mention_user_ids}::bigint[], to_tsvector('simple', ${doc.content}))
        on conflict (message_id) do update set pinned = excluded.pinned, has = excluded.has,
          mentions = excluded.mentions, document = excluded.document`.execute(this.db);
    }
  }

  async remove(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await sql`delete from message_search_pg where message_id = any(${messageIds}::bigint[])`.execute(this.db);
  }
}

export class PostgresSearch implements MessageSearchEngine {
  constructor(private readonly db: Db) {}

  writer(db: Db): MessageSearchWriter {
    return new PostgresSearchWriter(db);
  }

  async search(spec: SearchSpec): Promise<SearchHits> {
    if (spec.channelIds.length === 0) return { ids: [], total: 0 };
    const terms = spec.content ? queryTerms(spec.content) : [];
    const query =
      terms.length > 0
        ? sql.join(
            terms.map((t) => sql`phraseto_tsquery('simple', ${t})`),
            sql` && `,
          )
        : undefined;
    const conditions = [
      sql`channel_id = any(${spec.channelIds}::bigint[])`,
      ...(query ? [sql`document @@ (${query})`] : []),
      ...(spec.authorIds?.length ? [sql`author_id = any(${spec.authorIds}::bigint[])`] : []),
      ...(spec.mentionIds?.length ? [sql`mentions && ${spec.mentionIds}::bigint[]`] : []),
      ...(spec.has?.length ? [sql`has @> ${spec.has}::text[]`] : []),
      ...(spec.pinned !== undefined ? [sql`pinned = ${spec.pinned ? 1 : 0}`] : []),
      ...(spec.before ? [sql`message_id < ${spec.before}`] : []),
      ...(spec.after ? [sql`message_id > ${spec.after}`] : []),
    ];
    const where = sql.join(conditions, sql` and `);
    const window = Math.max(RANKING_WINDOW, spec.offset + spec.limit);
    const candidates = await sql<{ message_id: string; score: number }>`
      select message_id, ${query ? sql`ts_rank(document, ${query})` : sql`0`} as score
      from message_search_pg where ${where} order by message_id desc limit ${window}`.execute(this.db);
    const rows = candidates.rows.map((r) => ({ id: String(r.message_id), score: Number(r.score) }));
    // ts_rank: higher is better; the sort is stable, so equal scores stay newest first.
    if (query) rows.sort((a, b) => b.score - a.score);
    const ids = rows.slice(spec.offset, spec.offset + spec.limit).map((r) => r.id);
    const total =
      rows.length < window
        ? rows.length
        : Number(
            (
              await sql<{ n: number }>`select count(*) as n from
                (select 1 from message_search_pg where ${where} limit ${COUNT_CAP}) capped`.execute(this.db)
            ).rows[0]?.n ?? 0,
          );
    return { ids, total };
  }
}
