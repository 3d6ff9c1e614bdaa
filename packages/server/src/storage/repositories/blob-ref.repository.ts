/** SQL for blob references: who still needs a stored blob. Identical files share one blob, so it is counted here. */
import { PostgresAdapter, sql } from "kysely";
import type { Db } from "../database.js";

export class BlobRefRepository {
  constructor(private readonly db: Db) {}

  /**
   * Adds the owner's references to blobs this operation just stored (each put claimed its blob), and ends those
   * claims: the reference now keeps the blob. Same transaction, so the collector sees one or the other.
   */
  async add(ownerKey: string, blobKeys: string[]): Promise<void> {
    const unique = [...new Set(blobKeys)];
    if (unique.length === 0) return;
    await this.db
      .insertInto("blob_refs")
      .values(unique.map((blob_key) => ({ blob_key, owner_key: ownerKey })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await this.db
      .updateTable("blob_claims")
      .set((eb) => ({ pending: eb("pending", "-", 1) }))
      .where("blob_key", "in", unique)
      .execute();
    await this.db.deleteFrom("blob_claims").where("blob_key", "in", unique).where("pending", "<=", 0).execute();
  }

  /** Drops every reference the owners hold; returns the blob keys they referred to. */
  async release(ownerKeys: string[]): Promise<string[]> {
    if (ownerKeys.length === 0) return [];
    const rows = await this.db.selectFrom("blob_refs").select("blob_key").where("owner_key", "in", ownerKeys).execute();
    await this.db.deleteFrom("blob_refs").where("owner_key", "in", ownerKeys).execute();
    return [...new Set(rows.map((r) => r.blob_key))];
  }

  /**
   * Serialises claiming and collecting one blob until the transaction ends. PostgreSQL: a transaction-scoped
   * advisory lock on the key's hash, held across nodes (a collision only serialises two unrelated keys). SQLite
   * needs none: its one connection runs one transaction at a time.
   */
  async lock(blobKey: string): Promise<void> {
    if (!(this.db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`select pg_advisory_xact_lock(hashtextextended(${blobKey}, 0))`.execute(this.db);
  }

  /** Records that one more upload is about to store this blob (call under `lock`). */
  async claim(blobKey: string, now: number): Promise<void> {
    await this.db
      .insertInto("blob_claims")
      .values({ blob_key: blobKey, pending: 1, claimed_at: now })
      .onConflict((oc) =>
        oc.column("blob_key").doUpdateSet((eb) => ({ pending: eb("blob_claims.pending", "+", 1), claimed_at: now })),
      )
      .execute();
  }

  /** Whether any owner, or an upload that claimed it at `liveSince` or later, still needs the blob (under `lock`). */
  async isNeeded(blobKey: string, liveSince: number): Promise<boolean> {
    const ref = await this.db
      .selectFrom("blob_refs")
      .select("blob_key")
      .where("blob_key", "=", blobKey)
      .executeTakeFirst();
    if (ref) return true;
    const claim = await this.db
      .selectFrom("blob_claims")
      .select("blob_key")
      .where("blob_key", "=", blobKey)
      .where("claimed_at", ">=", liveSince)
      .executeTakeFirst();
    return claim !== undefined;
  }

  /** Blobs whose claim is older than `cutoff`: uploads that stopped before adding their reference. */
  async staleClaims(cutoff: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom("blob_claims")
      .select("blob_key")
      .where("claimed_at", "<", cutoff)
      .limit(limit)
      .execute();
    return rows.map((r) => r.blob_key);
  }

  /** Drops the claim unless an upload renewed it since `cutoff` (call under `lock`). */
  async dropClaim(blobKey: string, cutoff: number): Promise<void> {
    await this.db.deleteFrom("blob_claims").where("blob_key", "=", blobKey).where("claimed_at", "<", cutoff).execute();
  }
}

/** Runs `work` in its own transaction with a repository bound to it. */
export type BlobRefTransaction = <T>(work: (refs: BlobRefRepository) => Promise<T>) => Promise<T>;

export function blobRefTransaction(db: Db): BlobRefTransaction {
  return (work) => db.transaction().execute((trx) => work(new BlobRefRepository(trx)));
}
