/**
 * Message search in a guild or across the caller's DMs. The scope is computed now from the access service, so a
 * channel the searcher cannot read at this moment is never searched, whatever its history.
 */
import type { SearchQuery, SearchResult } from "@nexus/protocol";
import type { MessageSearchEngine, SearchSpec } from "../../search/message-search.js";
import type { MessagingStore } from "../../storage/messaging-store.js";
import type { ChannelAccess } from "./channel-access.js";
import type { MessagePresenter } from "./message-presenter.js";

export interface SearchServiceDeps {
  engine: MessageSearchEngine;
  store: MessagingStore;
  access: ChannelAccess;
  presenter: MessagePresenter;
  dmChannelIdsOf: (userId: string) => Promise<string[]>;
}

export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  async inGuild(userId: string, guildId: string, query: SearchQuery): Promise<SearchResult> {
    const { readable, unreadable } = await this.deps.access.readableInGuild(userId, guildId);
    return this.run(userId, readable, query, { id: guildId, unreadableChannelIds: unreadable });
  }

  async inDms(userId: string, query: SearchQuery): Promise<SearchResult> {
    return this.run(userId, await this.deps.dmChannelIdsOf(userId), query);
  }

  private async run(
    userId: string,
    scope: string[],
    query: SearchQuery,
    guild?: SearchSpec["guild"],
  ): Promise<SearchResult> {
    const wanted = query.channel_id ? new Set(query.channel_id) : undefined;
    const channelIds = wanted ? scope.filter((id) => wanted.has(id)) : scope;
    if (channelIds.length === 0) return { total_results: 0, messages: [] };
    const hits = await this.deps.engine.search({
      channelIds,
      // A channel filter is already a short list; the guild shortcut only helps for whole-guild searches.
      guild: wanted ? undefined : guild,
      content: query.content,
      authorIds: query.author_id,
      mentionIds: query.mentions,
      has: query.has,
      pinned: query.pinned,
      before: query.before,
      after: query.after,
      limit: query.limit,
      offset: query.offset,
    });
    const rows = await this.deps.store.repos.messages.findMany(hits.ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = hits.ids.flatMap((id) => byId.get(id) ?? []);
    return { total_results: hits.total, messages: await this.deps.presenter.presentMany(ordered, userId) };
  }
}
