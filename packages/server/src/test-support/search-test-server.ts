/**
 * A test server on either search engine: the built-in one of the pass's backend, or Meilisearch (search.url set)
 * served by the in-process stand-in. `indexed()` waits until every committed write is searchable, which is at once
 * on the built-in engines and, on Meilisearch, once the outbox is pushed and the stand-in's tasks are processed.
 */
import { SearchOutboxRepository } from "../storage/repositories/search-outbox.repository.js";
import { type MeilisearchStandIn, startMeilisearchStandIn } from "./meilisearch-standin.js";
import { startTestServer, type TestServer, type TestServerOptions } from "./test-server.js";

export const SEARCH_ENGINES = ["built-in", "meilisearch"] as const;
export type SearchEngineName = (typeof SEARCH_ENGINES)[number];

export interface SearchTestServer extends TestServer {
  meili: MeilisearchStandIn | undefined;
  indexed(): Promise<void>;
}

export const MEILI_INDEX = "test-messages";

export async function startSearchTestServer(
  engine: SearchEngineName,
  options: TestServerOptions = {},
): Promise<SearchTestServer> {
  if (engine === "built-in") {
    const t = await startTestServer(options);
    return Object.assign(t, { meili: undefined, indexed: async () => {} });
  }
  const meili = await startMeilisearchStandIn();
  let t: TestServer;
  try {
    t = await startTestServer({
      ...options,
      settings: {
        "search.url": meili.url,
        "search.api_key": meili.apiKey,
        "search.index": MEILI_INDEX,
        ...options.settings,
      },
    });
  } catch (error) {
    await meili.close();
    throw error;
  }
  const outbox = new SearchOutboxRepository(t.server.database.db);
  const dispose = t[Symbol.asyncDispose].bind(t);
  return Object.assign(t, {
    meili,
    async indexed() {
      const indexer = t.server.services.searchIndexer;
      if (!indexer) throw new Error("search.url is set but the server has no search indexer");
      while ((await outbox.count()) > 0) await indexer.pushOnce();
      await meili.idle();
    },
    async [Symbol.asyncDispose]() {
      try {
        await dispose();
      } finally {
        await meili.close();
      }
    },
  });
}
