/** Picks the search driver that matches the storage dialect. */
import type { Db, OpenedDatabase } from "../storage/database.js";
import type { MessageSearchEngine } from "./message-search.js";
import { PostgresSearch } from "./postgres-search.js";
import { SqliteFts5Search } from "./sqlite-fts5-search.js";

export function createSearchEngine(dialect: OpenedDatabase["dialect"], db: Db): MessageSearchEngine {
  return dialect === "sqlite" ? new SqliteFts5Search(db) : new PostgresSearch(db);
}
