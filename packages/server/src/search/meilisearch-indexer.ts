/**
 * Pushes the search outbox to Meilisearch in the background, so a message send never waits for (or fails with)
 * Meilisearch. Each pass takes the oldest entries, reads those messages as they are now (a missing one was
 * deleted), sends one add-or-replace and one delete request, deletes the channels the outbox names by filter, and
 * only then removes the entries: an outage leaves them in the database, and the next pass after it sends them
 * again. One process pushes at a time (a lease in the database), so two nodes cannot reorder one message's states.
 */
import { randomBytes } from "node:crypto";
import type { SearchOutboxRepository } from "../storage/repositories/search-outbox.repository.js";
import type { MeilisearchClient } from "./meilisearch-client.js";
import { INDEX_SETTINGS, idList, meilisearchMessage, PRIMARY_KEY } from "./meilisearch-documents.js";
import type { SearchDocument } from "./message-search.js";

export interface MeilisearchIndexerDeps {
  client: MeilisearchClient;
  outbox: SearchOutboxRepository;
  /** Search documents of those of `messageIds` that still exist. */
  documentsFor: (messageIds: string[]) => Promise<SearchDocument[]>;
  /** A failed push (reported once per outage, not per retry). */
  onError: (error: unknown) => void;
}

/** Entries per pass: one Meilisearch request of up to this many documents. */
export const PUSH_BATCH = 1000;
/** How often the outbox is looked at without a local write (other nodes' writes, the CLI's reindex). */
const POLL_MS = 1000;
/** After a local write, how long to wait for more before pushing (and for the write's transaction to commit). */
const KICK_DELAY_MS = 100;
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

export class MeilisearchIndexer {
  private readonly holder = randomBytes(8).toString("hex");
  private timer: NodeJS.Timeout | undefined;
  private kickTimer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private configured = false;
  private failures = 0;
  private retryAt = 0;
  private stopped = false;

  constructor(private readonly deps: MeilisearchIndexerDeps) {}

  start(): void {
    this.stopped = false;
    this.timer ??= setInterval(() => this.kick(0), POLL_MS);
    this.timer.unref();
    this.kick(0);
  }

  /** Stops scheduling, waits for a pass in progress and hands the lease back. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.kickTimer);
    this.timer = undefined;
    this.kickTimer = undefined;
    await this.running?.catch(() => {});
    await this.deps.outbox.release(this.deps.client.index, this.holder).catch(() => {});
  }

  /** Schedules a pass soon (after a local write), unless one is scheduled or Meilisearch is being waited out. */
  kick(delayMs = KICK_DELAY_MS): void {
    if (this.stopped || this.kickTimer || Date.now() < this.retryAt) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      this.pushOnce().then(
        (pushed) => {
          if (pushed === PUSH_BATCH) this.kick(0);
        },
        () => {},
      );
    }, delayMs);
    this.kickTimer.unref();
  }

  /**
   * One pass (or the one already running); resolves to the number of outbox entries pushed, 0 when there were
   * none or another process holds the lease. Rejects when Meilisearch or the database failed.
   */
  pushOnce(): Promise<number> {
    this.running ??= this.pass()
      .then(
        (pushed) => {
          this.failures = 0;
          this.retryAt = 0;
          return pushed;
        },
        (error: unknown) => {
          if (this.failures === 0) this.deps.onError(error);
          this.failures++;
          this.retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.failures);
          throw error;
        },
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async pass(): Promise<number> {
    const { client, outbox } = this.deps;
    // An idle poll only reads: no lease write every second on every node when there is nothing to push.
    if (this.configured && (await outbox.oldest(1)).length === 0) return 0;
    const now = Date.now();
    if (!(await outbox.lease(client.index, this.holder, now, now + LEASE_MS))) return 0;
    if (!this.configured) {
      await client.updateSettings(INDEX_SETTINGS);
      this.configured = true;
    }
    const entries = await outbox.oldest(PUSH_BATCH);
    if (entries.length === 0) return 0;
    const messageIds = [...new Set(entries.filter((e) => e.kind === "message").map((e) => e.ref))];
    const channelIds = [...new Set(entries.filter((e) => e.kind === "channel").map((e) => e.ref))];
    const documents = await this.deps.documentsFor(messageIds);
    const present = new Set(documents.map((d) => d.id));
    const gone = messageIds.filter((id) => !present.has(id));
    if (documents.length > 0) await client.addDocuments(documents.map(meilisearchMessage), PRIMARY_KEY);
    if (gone.length > 0) await client.deleteDocuments(gone);
    // After the documents: a message read just before its channel went is removed by this later task.
    if (channelIds.length > 0) await client.deleteDocumentsWhere(`channel_id IN ${idList(channelIds)}`);
    await outbox.remove(entries.map((e) => e.seq));
    return entries.length;
  }
}
