/**
 * SQLite FTS5 search driver. The `meta` column carries filter tokens (g<guild> c<channel> a<author> m<user>
 * h<has> p1) so channel scope and filters are doclist intersections inside FTS5, never a scan of messages.
 * Ranking: BM25 term frequency (relevance.ts) over the RANKING_WINDOW most recent matches, recency breaking ties;
 * totals beyond the window are estimated.
 */
import { sql } from "kysely";
import type { Db } from "../storage/database.js";
import {
  type MessageSearchEngine,
  type MessageSearchWriter,
  queryTerms,
  RANKING_WINDOW,
  type SearchHits,
  type SearchSpec,
} from "./message-search.js";
import { hitsFromCandidates } from "./relevance.js";
import { SqliteFts5Writer } from "./sqlite-fts5-writer.js";

const anyOf = (prefix: string, ids: string[]) => `(${ids.map((id) => `${prefix}${id}`).join(" OR ")})`;
const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** One guild token plus a short exclusion list beats OR-ing hundreds of channel doclists. */
const byGuild = (spec: SearchSpec) =>
  spec.guild !== undefined && spec.guild.unreadableChannelIds.length < spec.channelIds.length;

/** The searched channels, as the guild token or a list of channel tokens (exclusions aside). */
const scopeTokens = (spec: SearchSpec) =>
  byGuild(spec) && spec.guild ? `g${spec.guild.id}` : anyOf("c", spec.channelIds);

/** Builds the FTS5 MATCH expression; every id is digits-only (validated upstream) so tokens need no quoting. */
export function matchExpression(spec: SearchSpec): string {
  const meta = [scopeTokens(spec)];
  if (spec.authorIds?.length) meta.push(anyOf("a", spec.authorIds));
  if (spec.mentionIds?.length) meta.push(anyOf("m", spec.mentionIds));
  for (const flag of spec.has ?? []) meta.push(`h${flag}`);
  if (spec.pinned === true) meta.push("p1");
  let expression = `meta : (${meta.join(" AND ")})`;
  const terms = spec.content ? queryTerms(spec.content) : [];
  if (terms.length > 0) expression = `content : (${terms.map(quote).join(" AND ")}) AND ${expression}`;
  const excluded = byGuild(spec) && spec.guild ? spec.guild.unreadableChannelIds.map((id) => `c${id}`) : [];
  if (spec.pinned === false) excluded.push("p1");
  if (excluded.length > 0) expression = `(${expression}) NOT meta : (${excluded.join(" OR ")})`;
  return expression;
}

export class SqliteFts5Search implements MessageSearchEngine {
  constructor(private readonly db: Db) {}

  writer(db: Db): MessageSearchWriter {
    return new SqliteFts5Writer(db);
  }

  async search(spec: SearchSpec): Promise<SearchHits> {
    if (spec.channelIds.length === 0) return { ids: [], total: 0 };
    const bounds = sql.join(
      [
        sql`message_search match ${matchExpression(spec)}`,
        ...(spec.before ? [sql`s.rowid < ${BigInt(spec.before)}`] : []),
        ...(spec.after ? [sql`s.rowid > ${BigInt(spec.after)}`] : []),
      ],
      sql` and `,
    );
    const terms = spec.content ? queryTerms(spec.content) : [];
    const window = Math.max(RANKING_WINDOW, spec.offset + spec.limit);
    // Newest first, straight off the doclists (FTS5 walks them backwards and stops at the limit); the text for
    // ranking comes from `messages`, since the index is contentless.
    const candidates = await sql<{ id: bigint; content: string | null }>`
      select s.rowid as id, ${terms.length > 0 ? sql`m.content` : sql`null`} as content
      from message_search s ${terms.length > 0 ? sql`join messages m on m.id = s.rowid` : sql``}
      where ${bounds} order by s.rowid desc limit ${window}`.execute(this.db);
    return hitsFromCandidates(spec, window, candidates.rows, terms, () => this.oldestInScope(spec));
  }

  /** The first message in the searched channels: the start of the history a total is extrapolated over. */
  private async oldestInScope(spec: SearchSpec): Promise<bigint | undefined> {
    const row = await sql<{ id: bigint }>`select rowid as id from message_search
      where message_search match ${`meta : ${scopeTokens(spec)}`} order by rowid asc limit 1`.execute(this.db);
    return row.rows[0] ? BigInt(row.rows[0].id) : undefined;
  }
}
