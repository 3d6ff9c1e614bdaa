/**
 * How messages look in the Meilisearch index, and the index settings that make its matching the built-in engines'
 * (every term, exact words, no typo tolerance). Message ids are 64-bit and Meilisearch numbers are doubles, so the
 * id is also stored as two exact 32-bit halves to sort and compare on.
 */
import { SEARCH_LIMIT_MAX, SEARCH_OFFSET_MAX } from "@nexus/protocol";
import type { SearchDocument } from "./message-search.js";

export interface MeilisearchMessage {
  id: string;
  channel_id: string;
  guild_id: string | null;
  author_id: string;
  content: string;
  mentions: string[];
  has: string[];
  pinned: boolean;
  id_hi: number;
  id_lo: number;
}

export const PRIMARY_KEY = "id";

/** Applied at startup (PATCH is idempotent: the same settings again change nothing). */
export const INDEX_SETTINGS = {
  searchableAttributes: ["content"],
  filterableAttributes: ["channel_id", "guild_id", "author_id", "mentions", "has", "pinned", "id_hi", "id_lo"],
  sortableAttributes: ["id_hi", "id_lo"],
  // Every hit contains every term (matchingStrategy "all", exact phrases), so the search's sort decides the order.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  typoTolerance: { enabled: false },
  // A search reads up to offset + limit hits (the ranking window at least); the default cap is 1000.
  pagination: { maxTotalHits: SEARCH_OFFSET_MAX + SEARCH_LIMIT_MAX },
} as const;

export const NEWEST_FIRST = ["id_hi:desc", "id_lo:desc"];
export const OLDEST_FIRST = ["id_hi:asc", "id_lo:asc"];

const halves = (id: string) => {
  const n = BigInt(id);
  return { hi: Number(n >> 32n), lo: Number(n & 0xffffffffn) };
};

export function meilisearchMessage(doc: SearchDocument): MeilisearchMessage {
  const { hi, lo } = halves(doc.id);
  return {
    id: doc.id,
    channel_id: doc.channel_id,
    guild_id: doc.guild_id,
    author_id: doc.author_id,
    content: doc.content,
    mentions: doc.mention_user_ids,
    has: doc.has,
    pinned: doc.pinned,
    id_hi: hi,
    id_lo: lo,
  };
}

/** A filter-expression list of ids (digits only, so quoting cannot be escaped). */
export const idList = (ids: readonly string[]) => `[${ids.map((id) => `"${id}"`).join(", ")}]`;

/** Messages whose id is strictly below ("<") or above (">") `id`. */
export function idBound(op: "<" | ">", id: string): string {
  const { hi, lo } = halves(id);
  return `(id_hi ${op} ${hi} OR (id_hi = ${hi} AND id_lo ${op} ${lo}))`;
}
