/** Deletes stored blobs once nothing refers to them (identical files share one blob, so this is checked first). */
import type { BlobKey, BlobStore } from "../../blobs/blob-store.js";
import type { BlobRefRepository } from "../../storage/repositories/blob-ref.repository.js";

export class BlobCollector {
  constructor(
    private readonly refs: BlobRefRepository,
    private readonly blobs: BlobStore,
  ) {}

  /** Call after the transaction that released the references has committed. */
  async collect(keys: BlobKey[]): Promise<void> {
    for (const key of await this.refs.unreferenced(keys)) await this.blobs.delete(key);
  }
}
