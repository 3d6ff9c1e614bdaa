/**
 * Meilisearch search driver (search.url set). Meilisearch finds and filters: the newest RANKING_WINDOW matches in
 * the channels the searcher can read now, sorted by id. Relevance and totals are then computed exactly as the
 * built-in drivers do (relevance.ts), so results do not depend on which engine is configured. Writes go to the
 * database outbox in the message's transaction; MeilisearchIndexer pushes them.
 */
import { DomainError } from "../errors.js";
import type { Db } from "../storage/database.js";
import { SearchOutboxRepository } from "../storage/repositories/search-outbox.repository.js";
import { type MeilisearchClient, MeilisearchError } from "./meilisearch-client.js";
import { idBound, idList, type MeilisearchMessage, NEWEST_FIRST, OLDEST_FIRST } from "./meilisearch-documents.js";
import {
  type MessageSearchEngine,
  type MessageSearchWriter,
  queryTerms,
  RANKING_WINDOW,
  type SearchDocument,
  type SearchHits,
  type SearchSpec,
} from "./message-search.js";
import { hitsFromCandidates } from "./relevance.js";

/** Records changed messages in the outbox; which state they are in is read when they are pushed. */
class OutboxWriter implements MessageSearchWriter {
  constructor(
    private readonly outbox: SearchOutboxRepository,
    private readonly written: () => void,
  ) {}

  insert(documents: SearchDocument[]): Promise<void> {
    return this.changed(documents.map((d) => d.id));
  }

  upsert(documents: SearchDocument[]): Promise<void> {
    return this.changed(documents.map((d) => d.id));
  }

  remove(messageIds: string[]): Promise<void> {
    return this.changed(messageIds);
  }

  private async changed(messageIds: string[]): Promise<void> {
    await this.outbox.addMessages(messageIds);
    this.written();
  }
}

export class MeilisearchSearch implements MessageSearchEngine {
  /** Called after each outbox write, so the indexer can push soon rather than at its next poll. */
  onWrite: () => void = () => {};

  constructor(private readonly client: MeilisearchClient) {}

  writer(db: Db): MessageSearchWriter {
    return new OutboxWriter(new SearchOutboxRepository(db), () => this.onWrite());
  }

  async search(spec: SearchSpec): Promise<SearchHits> {
    if (spec.channelIds.length === 0) return { ids: [], total: 0 };
    const terms = spec.content ? queryTerms(spec.content) : [];
    const scope = `channel_id IN ${idList(spec.channelIds)}`;
    const filter = [
      scope,
      ...(spec.before ? [idBound("<", spec.before)] : []),
      ...(spec.after ? [idBound(">", spec.after)] : []),
      ...(spec.authorIds?.length ? [`author_id IN ${idList(spec.authorIds)}`] : []),
      ...(spec.mentionIds?.length ? [`mentions IN ${idList(spec.mentionIds)}`] : []),
      ...(spec.has ?? []).map((flag) => `has = "${flag}"`),
      ...(spec.pinned !== undefined ? [`pinned = ${spec.pinned}`] : []),
    ].join(" AND ");
    const window = Math.max(RANKING_WINDOW, spec.offset + spec.limit);
    const found = await this.query({
      // Every term a phrase: exact words in order, no typo or prefix matching, like FTS5 and tsquery phrases.
      q: terms.map((t) => `"${t}"`).join(" "),
      filter,
      sort: NEWEST_FIRST,
      limit: window,
      attributesToRetrieve: terms.length > 0 ? ["id", "content"] : ["id"],
    });
    const candidates = found.map((hit) => ({ id: hit.id, content: hit.content ?? null }));
    return hitsFromCandidates(spec, window, candidates, terms, async () => {
      const [oldest] = await this.query({
        q: "",
        filter: scope,
        sort: OLDEST_FIRST,
        limit: 1,
        attributesToRetrieve: ["id"],
      });
      return oldest ? BigInt(oldest.id) : undefined;
    });
  }

  private async query(request: {
    q: string;
    filter: string;
    sort: string[];
    limit: number;
    attributesToRetrieve: string[];
  }) {
    try {
      const response = await this.client.search<Pick<MeilisearchMessage, "id"> & { content?: string }>({
        ...request,
        offset: 0,
        matchingStrategy: "all",
      });
      return response.hits;
    } catch (error) {
      if (!(error instanceof MeilisearchError)) throw error;
      throw new DomainError("SERVICE_UNAVAILABLE", "Search is unavailable right now; try again in a few seconds.");
    }
  }
}
