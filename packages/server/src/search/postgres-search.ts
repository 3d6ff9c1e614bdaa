/**
 * PostgreSQL search driver: a side table with a tsvector ('simple' configuration, so no language is assumed) and
 * the filter columns, GIN-indexed. Ranking is the FTS5 driver's: BM25 term frequency (relevance.ts) over the
 * RANKING_WINDOW most recent matches, recency breaking ties; totals beyond the window are estimated.
 */
import { type RawBuilder, sql } from "kysely";
import type { Db } from "../storage/database.js";
import {
  type MessageSearchEngine,
  type MessageSearchWriter,
  queryTerms,
  RANKING_WINDOW,
  type SearchHits,
  type SearchSpec,
} from "./message-search.js";
import { PostgresSearchWriter } from "./postgres-search-writer.js";
import { hitsFromCandidates } from "./relevance.js";

/** How many of the newest messages in scope are walked before the GIN index is asked for older matches. */
const RECENT_SCAN = 50_000;

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
    const scope = sql.join(
      [
        sql`s.channel_id = any(${spec.channelIds}::bigint[])`,
        ...(spec.before ? [sql`s.message_id < ${spec.before}`] : []),
        ...(spec.after ? [sql`s.message_id > ${spec.after}`] : []),
      ],
      sql` and `,
    );
    const filters = sql.join(
      [
        sql`true`,
        ...(query ? [sql`s.document @@ (${query})`] : []),
        ...(spec.authorIds?.length ? [sql`s.author_id = any(${spec.authorIds}::bigint[])`] : []),
        ...(spec.mentionIds?.length ? [sql`s.mentions && ${spec.mentionIds}::bigint[]`] : []),
        ...(spec.has?.length ? [sql`s.has @> ${spec.has}::text[]`] : []),
        ...(spec.pinned !== undefined ? [sql`s.pinned = ${spec.pinned ? 1 : 0}`] : []),
      ],
      sql` and `,
    );
    const window = Math.max(RANKING_WINDOW, spec.offset + spec.limit);
    const ids = await this.newestMatches(scope, filters, window);
    // The text for ranking comes from `messages`; the side table only holds what is matched on.
    const texts = query
      ? await sql<{ id: string; content: string }>`select id, content from messages
          where id = any(${ids}::bigint[])`.execute(this.db)
      : undefined;
    const content = new Map(texts?.rows.map((r) => [String(r.id), r.content]));
    const candidates = ids.map((id) => ({ id, content: content.get(id) ?? null }));
    return hitsFromCandidates(spec, window, candidates, terms, () => this.oldestInScope(spec));
  }

  /**
   * The ids of the newest `window` matches, newest first. The planner cannot know how dense a term's matches are,
   * and guesses badly both ways (a backward walk of all history for a rare word, a bitmap of every match of a
   * phrase), so the plan is chosen here from what a first bounded walk found: walk the newest RECENT_SCAN messages
   * of the scope backwards, stopping at the window (cheap when matches are dense); if that found a fair share of
   * the window, walk back as far as that density says the rest is; otherwise the matches are sparse, and the GIN
   * index finds them all cheaply (the newest are kept).
   */
  private async newestMatches(scope: RawBuilder<unknown>, filters: RawBuilder<unknown>, window: number) {
    const walk = async (rows: number) => {
      const found = await sql<{ id: string }>`select s.message_id as id from (
          select * from message_search_pg s where ${scope} order by s.message_id desc limit ${rows}
        ) s where ${filters} order by s.message_id desc limit ${window}`.execute(this.db);
      return found.rows.map((r) => String(r.id));
    };
    const recent = await walk(RECENT_SCAN);
    if (recent.length >= window) return recent;
    if (recent.length >= window / 8) {
      const further = await walk(Math.ceil((2 * RECENT_SCAN * window) / recent.length));
      if (further.length >= window) return further;
    }
    const all = await sql<{ id: string }>`with hits as materialized (
        select s.message_id from message_search_pg s where ${scope} and ${filters}
      ) select message_id as id from hits order by message_id desc limit ${window}`.execute(this.db);
    return all.rows.map((r) => String(r.id));
  }

  /** The first message in the searched channels: the start of the history a total is extrapolated over. */
  private async oldestInScope(spec: SearchSpec): Promise<bigint | undefined> {
    const row = await sql<{ id: string | null }>`select min(message_id) as id from message_search_pg
      where channel_id = any(${spec.channelIds}::bigint[])`.execute(this.db);
    return row.rows[0]?.id ? BigInt(row.rows[0].id) : undefined;
  }
}
