/**
 * Deletes stored blobs once nothing refers to them (identical files share one blob, so this is checked first).
 *
 * The check and the delete happen under the blob's lock, and an upload claims the blob under the same lock before
 * writing it (`ClaimingBlobStore`). So when the last other copy of some bytes is released while the same bytes are
 * uploaded, either the collector deletes first and the upload writes the file again afterwards, or it sees the claim
 * and keeps the file: the new upload never loses its bytes.
 */
import type { BlobKey, BlobStore } from "../../blobs/blob-store.js";
import type { BlobRefTransaction } from "../../storage/repositories/blob-ref.repository.js";

/**
 * How long a claim protects a blob: far longer than an upload takes from hashing its bytes to committing its own
 * reference (which ends the claim). Claims left by uploads that failed or crashed in between expire after this, and
 * the sweeper then deletes their blobs if nothing refers to them.
 */
export const BLOB_CLAIM_TTL_MS = 15 * 60 * 1000;
const SWEEP_BATCH = 500;

export class BlobCollector {
  private readonly now: () => number;

  constructor(
    private readonly transaction: BlobRefTransaction,
    private readonly blobs: BlobStore,
    now?: () => number,
  ) {
    this.now = now ?? Date.now;
  }

  /** Call after the transaction that released the references has committed. */
  async collect(keys: BlobKey[]): Promise<void> {
    for (const key of new Set(keys)) await this.deleteIfUnneeded(key);
  }

  /** Claims `key` for an upload about to store it (see `PutOptions.claim`). */
  async claim(key: BlobKey): Promise<void> {
    await this.transaction(async (refs) => {
      await refs.lock(key);
      await refs.claim(key, this.now());
    });
  }

  /** Drops expired claims and deletes their blobs if nothing else refers to them (uploads that failed or crashed). */
  async sweepClaims(): Promise<void> {
    const cutoff = this.now() - BLOB_CLAIM_TTL_MS;
    const keys = await this.transaction((refs) => refs.staleClaims(cutoff, SWEEP_BATCH));
    for (const key of keys) await this.deleteIfUnneeded(key, cutoff);
  }

  /** With `dropClaimsBefore`, also drops the blob's claim if it is older than that (and so no longer counts). */
  private async deleteIfUnneeded(key: BlobKey, dropClaimsBefore?: number): Promise<void> {
    await this.transaction(async (refs) => {
      await refs.lock(key);
      // Deleted inside the lock: an upload claiming the same bytes waits until the file is gone, then writes it.
      if (!(await refs.isNeeded(key, this.now() - BLOB_CLAIM_TTL_MS))) await this.blobs.delete(key);
      if (dropClaimsBefore !== undefined) await refs.dropClaim(key, dropClaimsBefore);
    });
  }
}
