/**
 * SQLite FTS5 search driver. The `meta` column carries filter tokens (g<guild> c<channel> a<author> m<user>
 * h<has> p1) so channel scope and filters are doclist intersections inside FTS5, never a scan of messages.
 * Ranking: bm25 over the RANKING_WINDOW most recent matches, recency breaking ties; counts stop at COUNT_CAP.
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

/** Totals above this are reported as this (counting every hit of a common word costs more than it tells). */
export const COUNT_CAP = 10_000;

function metaTokens(doc: SearchDocument): string {
  const tokens = [`c${doc.channel_id}`, `a${doc.author_id}`];
  if (doc.guild_id) tokens.push(`g${doc.guild_id}`);
  for (const id of doc.mention_user_ids) tokens.push(`m${id}`);
  for (const flag of doc.has) tokens.push(`h${flag}`);
  if (doc.pinned) tokens.push("p1");
  return tokens.join(" ");
}

const anyOf = (prefix: string, ids: string[]) => `(${ids.map((id) => `${prefix}${id}`).join(" OR ")})`;
const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** Builds the FTS5 MATCH expression; every id is digits-only (validated upstream) so tokens need no quoting. */
export function matchExpression(spec: SearchSpec): string {
  // One guild token plus a short exclusion list beats OR-ing hundreds of channel doclists.
  const byGuild = spec.guild && spec.guild.unreadableChannelIds.length < spec.channelIds.length;
  const meta = [byGuild && spec.guild ? `g${spec.guild.id}` : anyOf("c", spec.channelIds)];
  if (spec.authorIds?.length) meta.push(anyOf("a", spec.authorIds));
  if (spec.mentionIds?.length) meta.push(anyOf("m", spec.mentionIds));
  for (const flag of spec.has ?? []) meta.push(`h${flag}`);
  if (spec.pinned === true) meta.push("p1");
  let expression = `meta : (${meta.join(" AND ")})`;
  const terms = spec.content ? queryTerms(spec.content) : [];
  if (terms.length > 0) expression = `content : (${terms.map(quote).join(" AND ")}) AND ${expression}`;
  const excluded = byGuild && spec.guild ? spec.guild.unreadableChannelIds.map((id) => `c${id}`) : [];
  if (spec.pinned === false) excluded.push("p1");
  if (excluded.length > 0) expression = `(${expression}) NOT meta : (${excluded.join(" OR ")})`;
  return expression;
}

class SqliteFtsWriter implements MessageSearchWriter {
  constructor(private readonly db: Db) {}

  async upsert(documents: SearchDocument[]): Promise<void> {
    await this.remove(documents.map((d) => d.id));
    for (const doc of documents) {
      await sql`insert into message_search (rowid, content, meta)
        values (${BigInt(doc.id)}, ${doc.content}, ${metaTokens(doc)})`.execute(this.db);
    }
  }

  async remove(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    const ids = messageIds.map((id) => BigInt(id));
    await sql`delete from message_search where rowid in (${sql.join(ids)})`.execute(this.db);
  }
}

export class SqliteFts5Search implements MessageSearchEngine {
  constructor(private readonly db: Db) {}

  writer(db: Db): MessageSearchWriter {
    return new SqliteFtsWriter(db);
  }

  async search(spec: SearchSpec): Promise<SearchHits> {
    if (spec.channelIds.length === 0) return { ids: [], total: 0 };
    const match = matchExpression(spec);
    const bounds = sql.join(
      [
        sql`message_search match ${match}`,
        ...(spec.before ? [sql`rowid < ${BigInt(spec.before)}`] : []),
        ...(spec.after ? [sql`rowid > ${BigInt(spec.after)}`] : []),
      ],
      sql` and `,
    );
    const window = Math.max(RANKING_WINDOW, spec.offset + spec.limit);
    const ranked = spec.content !== undefined && queryTerms(spec.content).length > 0;
    // The meta column gets weight 0 so filter tokens never affect relevance.
    const candidates = await sql<{ message_id: string; score: number }>`
      select rowid as message_id, ${ranked ? sql`bm25(message_search, 1.0, 0.0)` : sql`0`} as score
      from message_search where ${bounds} order by rowid desc limit ${window}`.execute(this.db);
    const rows = candidates.rows.map((r) => ({ id: String(r.message_id), score: Number(r.score) }));
    // Stable sort: equal scores keep the recency order they came in.
    if (ranked) rows.sort((a, b) => a.score - b.score);
    const ids = rows.slice(spec.offset, spec.offset + spec.limit).map((r) => r.id);
    const total =
      rows.length < window
        ? rows.length
        : Number(
            (
              await sql<{ n: number }>`select count(*) as n from
                (select 1 from message_search where ${bounds} limit ${COUNT_CAP})`.execute(this.db)
            ).rows[0]?.n ?? 0,
          );
    return { ids, total };
  }
}
