/** SQL for an external search index's outbox (see migration 0062) and the lease that lets one process push. */
import type { Db } from "../database.js";
import type { SearchOutboxTable } from "../schema.js";

export interface OutboxEntry {
  seq: number;
  kind: SearchOutboxTable["kind"];
  ref: string;
}

export class SearchOutboxRepository {
  constructor(private readonly db: Db) {}

  /** Records that these messages changed (bound to the transaction that changes them). */
  async addMessages(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.db
      .insertInto("search_outbox")
      .values(messageIds.map((ref) => ({ kind: "message" as const, ref })))
      .execute();
  }

  /** Queues the first `limit` messages with an id above `afterId` (oldest first); returns their ids. */
  async addMessagesAfter(afterId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom("messages")
      .select("id")
      .where("id", ">", afterId)
      .orderBy("id", "asc")
      .limit(limit)
      .execute();
    const ids = rows.map((r) => String(r.id));
    await this.addMessages(ids);
    return ids;
  }

  async countMessages(): Promise<number> {
    const row = await this.db
      .selectFrom("messages")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The oldest `limit` entries, in the order they were written. */
  async oldest(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.db.selectFrom("search_outbox").selectAll().orderBy("seq", "asc").limit(limit).execute();
    return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, ref: String(r.ref) }));
  }

  async remove(seqs: number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.db.deleteFrom("search_outbox").where("seq", "in", seqs).execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("search_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Takes or renews the lease on `name` for `holder` until `expiresAt` when it is free, expired or already
   * `holder`'s; true when `holder` has it. One statement, so two processes cannot both win.
   */
  async lease(name: string, holder: string, now: number, expiresAt: number): Promise<boolean> {
    const result = await this.db
      .insertInto("search_outbox_lease")
      .values({ name, holder, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column("name")
          .doUpdateSet({ holder, expires_at: expiresAt })
          .where((eb) =>
            eb.or([eb("search_outbox_lease.holder", "=", holder), eb("search_outbox_lease.expires_at", "<", now)]),
          ),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Gives the lease up early (shutdown), so another process need not wait for it to expire. */
  async release(name: string, holder: string): Promise<void> {
    await this.db
      .updateTable("search_outbox_lease")
      .set({ expires_at: 0 })
      .where("name", "=", name)
      .where("holder", "=", holder)
      .execute();
  }
}
