/**
 * `nexus search reindex`: fills the Meilisearch index from the database. Every message is queued in the search
 * outbox (in batches, so a running server keeps serving), then the outbox is pushed until it is empty. If a
 * running server holds the push lease, it does the pushing and this command only reports progress; if
 * Meilisearch fails, what is left stays queued for the server (or a rerun) to finish.
 */
import type { Config } from "../config/config.js";
import { PUSH_BATCH } from "../search/meilisearch-indexer.js";
import { createMeilisearch } from "../search/search-engines.js";
import { searchDocument } from "../services/messages/search-documents.js";
import type { Db } from "../storage/database.js";
import { MessageRepository } from "../storage/repositories/message.repository.js";
import { SearchOutboxRepository } from "../storage/repositories/search-outbox.repository.js";

/** How long to wait before looking again when another process holds the lease and is pushing. */
const WAIT_MS = 500;

export async function reindexSearch(db: Db, settings: Config["search"], say: (line: string) => void): Promise<void> {
  const outbox = new SearchOutboxRepository(db);
  const messages = new MessageRepository(db);
  const { indexer } = createMeilisearch(settings, {
    db,
    documentsFor: async (ids) => (await messages.findMany(ids)).map(searchDocument),
    onError: () => {},
  });
  try {
    const total = await outbox.countMessages();
    say(`Queueing ${total} messages for Meilisearch index "${settings.index}" at ${settings.url}`);
    let after = "0";
    for (;;) {
      const ids = await outbox.addMessagesAfter(after, PUSH_BATCH);
      const last = ids.at(-1);
      if (last === undefined) break;
      after = last;
    }
    // At least one pass, which also applies the index settings to a new index.
    let reported = -1;
    for (let left = await outbox.count(); ; left = await outbox.count()) {
      if (left !== reported) say(`${Math.max(0, total - left)} of ${total} sent (${left} queued)`);
      reported = left;
      const pushed = await indexer.pushOnce();
      if (left === 0) break;
      if (pushed === 0) await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
    say(`${total} of ${total} sent. Meilisearch indexes them asynchronously; searches see them once it has.`);
  } finally {
    await indexer.stop();
  }
}
