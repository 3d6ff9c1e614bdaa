/**
 * The message search interface. Writers are bound to the transaction that writes the message, so the index never
 * disagrees with what committed; each storage dialect has a driver (SQLite FTS5 here, PostgreSQL in scale-out).
 */
import type { Db } from "../storage/database.js";

export const SEARCH_HAS_FLAGS = ["link", "file", "image", "embed"] as const;
export type SearchHasFlag = (typeof SEARCH_HAS_FLAGS)[number];

/** What the index knows about one message. */
export interface SearchDocument {
  id: string;
  channel_id: string;
  guild_id: string | null;
  author_id: string;
  content: string;
  mention_user_ids: string[];
  has: SearchHasFlag[];
  pinned: boolean;
}

export interface MessageSearchWriter {
  /** Adds documents for messages that have none yet (send). */
  insert(documents: SearchDocument[]): Promise<void>;
  /** Adds or replaces documents (send, edit, pin). */
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(messageIds: string[]): Promise<void>;
}

export interface SearchSpec {
  /** Only messages in these channels (the ones the searcher can read now). */
  channelIds: string[];
  /**
   * For guild searches: the guild, and its channels the searcher cannot read. A driver may match "in the guild
   * but not in these" instead of listing every readable channel when that is cheaper.
   */
  guild?: { id: string; unreadableChannelIds: string[] };
  content?: string;
  authorIds?: string[];
  mentionIds?: string[];
  has?: SearchHasFlag[];
  pinned?: boolean;
  /** Exclusive message-id bounds. */
  before?: string;
  after?: string;
  limit: number;
  offset: number;
}

export interface SearchHits {
  /** Matching messages in rank order for the requested window. */
  ids: string[];
  total: number;
}

export interface MessageSearchEngine {
  writer(db: Db): MessageSearchWriter;
  search(spec: SearchSpec): Promise<SearchHits>;
}

/**
 * Relevance is computed among this many most recent matches (more when the requested offset reaches further).
 * Each candidate costs a doclist step, a row read for its text and a tokenisation: at 500 a search over a
 * million messages stays near 10 ms of CPU.
 */
export const RANKING_WINDOW = 500;

const LINK = /\bhttps?:\/\/\S/i;

/** The has-flags of a message from its content and its attachment/embed JSON. */
export function hasFlags(content: string, attachments: { content_type?: string | null }[], embeds: unknown[]) {
  const flags: SearchHasFlag[] = [];
  if (LINK.test(content)) flags.push("link");
  if (attachments.length > 0) flags.push("file");
  if (attachments.some((a) => a.content_type?.startsWith("image/"))) flags.push("image");
  if (embeds.length > 0) flags.push("embed");
  return flags;
}

/** Splits a user's query into plain terms and "quoted phrases", dropping syntax characters. */
export function queryTerms(content: string): string[] {
  const terms: string[] = [];
  for (const match of content.matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    const words = (match[1] ?? match[2] ?? "").match(/[\p{L}\p{N}_]+/gu);
    if (words && words.length > 0) terms.push(words.join(" "));
  }
  return terms;
}
