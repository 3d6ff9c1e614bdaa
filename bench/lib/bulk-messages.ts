/**
 * Bulk-inserts a channel's history straight through the server's storage layer: batched multi-row inserts into
 * `messages`, and the search index written by the server's own search driver from the server's own search
 * document, in the same transaction, so the index is exactly what sending those messages would have produced.
 */
import { NEXUS_EPOCH_MS, SNOWFLAKE_TIMESTAMP_SHIFT } from "@nexus/protocol";
import { createSearchEngine, loadConfig, openDatabase, searchDocument } from "@nexus/server";
import { sql } from "kysely";
import { COMMON_WORD, Corpus } from "./corpus.js";
import type { Progress } from "./progress.js";

/** 1,000 rows × 16 columns stays under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 1_000;
/** Message n was sent at start + n × SPACING_MS: a million messages span about a year. */
const SPACING_MS = 30_000;

export interface BulkTarget {
  dataDir: string;
  databaseUrl: string;
  guildId: string;
  channelId: string;
  authorIds: string[];
}

export function messageId(startMs: number, n: number): string {
  const ms = BigInt(startMs - NEXUS_EPOCH_MS + n * SPACING_MS);
  return (ms << SNOWFLAKE_TIMESTAMP_SHIFT).toString();
}

export async function insertMessages(
  target: BulkTarget,
  count: number,
  progress: Progress,
): Promise<{ startMs: number; commonWordMessages: number }> {
  const { config } = loadConfig({
    flags: { data_dir: target.dataDir },
    env: target.databaseUrl ? { NEXUS_DATABASE_URL: target.databaseUrl } : {},
    createIfMissing: false,
  });
  const database = openDatabase(config);
  const engine = createSearchEngine(database.dialect, database.db);
  // Ends a day ago, so messages sent during the run are newer than all of these.
  const startMs = Date.now() - 86_400_000 - count * SPACING_MS;
  const corpus = new Corpus();
  let commonWordMessages = 0;
  try {
    for (let first = 0; first < count; first += BATCH) {
      const rows: Parameters<typeof searchDocument>[0][] = [];
      for (let n = first; n < Math.min(count, first + BATCH); n++) {
        const content = corpus.text(n);
        if (content.split(" ").includes(COMMON_WORD)) commonWordMessages += 1;
        rows.push({
          id: messageId(startMs, n),
          channel_id: target.channelId,
          guild_id: target.guildId,
          author_id: target.authorIds[n % target.authorIds.length] as string,
          content,
          created_at: startMs + n * SPACING_MS,
          edited_at: null,
          reply_to_id: null,
          mention_everyone: 0,
          mention_user_ids: "[]",
          mention_role_ids: "[]",
          mention_channel_ids: "[]",
          pinned_at: null,
          attachments: "[]",
          embeds: "[]",
          flags: 0,
        });
      }
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto("messages").values(rows).execute();
        await engine.writer(trx).insert(rows.map(searchDocument));
      });
      progress.update("seeding messages", first + rows.length, count);
    }
    await database.db
      .updateTable("channels")
      .set({ last_message_id: messageId(startMs, count - 1) })
      .where("id", "=", target.channelId)
      .execute();
    // A long-running server's tables have been analyzed by autovacuum; a freshly bulk-loaded one has not.
    if (database.dialect === "postgres") await sql`vacuum analyze`.execute(database.db);
  } finally {
    progress.clear();
    await database.close();
  }
  return { startMs, commonWordMessages };
}
