/** What the search index stores for a message row. */
import { hasFlags, type SearchDocument } from "../../search/message-search.js";
import type { MessageRow } from "../../storage/repositories/message.repository.js";

export function searchDocument(row: MessageRow): SearchDocument {
  return {
    id: row.id,
    channel_id: row.channel_id,
    guild_id: row.guild_id,
    author_id: row.author_id,
    content: row.content,
    mention_user_ids: JSON.parse(row.mention_user_ids) as string[],
    has: hasFlags(row.content, JSON.parse(row.attachments), JSON.parse(row.embeds)),
    pinned: row.pinned_at !== null,
  };
}
