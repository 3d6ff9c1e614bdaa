/** Picks the search driver: Meilisearch when search.url is set, otherwise the one that matches the storage dialect. */
import type { Config } from "../config/config.js";
import type { Db, OpenedDatabase } from "../storage/database.js";
import { SearchOutboxRepository } from "../storage/repositories/search-outbox.repository.js";
import { MeilisearchClient } from "./meilisearch-client.js";
import { MeilisearchIndexer } from "./meilisearch-indexer.js";
import { MeilisearchSearch } from "./meilisearch-search.js";
import type { MessageSearchEngine, SearchDocument } from "./message-search.js";
import { PostgresSearch } from "./postgres-search.js";
import { SqliteFts5Search } from "./sqlite-fts5-search.js";

export function createSearchEngine(dialect: OpenedDatabase["dialect"], db: Db): MessageSearchEngine {
  return dialect === "sqlite" ? new SqliteFts5Search(db) : new PostgresSearch(db);
}

export interface MeilisearchDeps {
  db: Db;
  documentsFor: (messageIds: string[]) => Promise<SearchDocument[]>;
  onError: (error: unknown) => void;
}

/** The Meilisearch driver and the indexer that feeds it from the outbox its writers fill. */
export function createMeilisearch(settings: Config["search"], deps: MeilisearchDeps) {
  const client = new MeilisearchClient(settings.url, settings.apiKey, settings.index);
  const engine = new MeilisearchSearch(client);
  const indexer = new MeilisearchIndexer({
    client,
    outbox: new SearchOutboxRepository(deps.db),
    documentsFor: deps.documentsFor,
    onError: deps.onError,
  });
  engine.onWrite = () => indexer.kick();
  return { engine, indexer };
}
