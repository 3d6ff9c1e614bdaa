/** SQL for blob references: who still needs a stored blob. Identical files share one blob, so it is counted here. */
import type { Db } from "../database.js";

export class BlobRefRepository {
  constructor(private readonly db: Db) {}

  async add(ownerKey: string, blobKeys: string[]): Promise<void> {
    const unique = [...new Set(blobKeys)];
    if (unique.length === 0) return;
    await this.db
      .insertInto("blob_refs")
      .values(unique.map((blob_key) => ({ blob_key, owner_key: ownerKey })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Drops every reference the owners hold; returns the blob keys they referred to. */
  async release(ownerKeys: string[]): Promise<string[]> {
    if (ownerKeys.length === 0) return [];
    const rows = await this.db.selectFrom("blob_refs").select("blob_key").where("owner_key", "in", ownerKeys).execute();
    await this.db.deleteFrom("blob_refs").where("owner_key", "in", ownerKeys).execute();
    return [...new Set(rows.map((r) => r.blob_key))];
  }

  /** Of `blobKeys`, those nothing refers to any more. */
  async unreferenced(blobKeys: string[]): Promise<string[]> {
    if (blobKeys.length === 0) return [];
    const rows = await this.db
      .selectFrom("blob_refs")
      .select("blob_key")
      .where("blob_key", "in", blobKeys)
      .groupBy("blob_key")
      .execute();
    const referenced = new Set(rows.map((r) => r.blob_key));
    return blobKeys.filter((key) => !referenced.has(key));
  }
}
