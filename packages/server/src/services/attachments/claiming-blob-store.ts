/**
 * The blob store every service writes through: each put claims its blob (under the blob's lock) after hashing the
 * bytes and before storing them, so the collector cannot delete the file between the upload writing it and the
 * upload's own reference being committed. Reads pass straight through.
 */
import type { BlobStore, ByteSource, PutOptions } from "../../blobs/blob-store.js";
import { DelegatingBlobStore } from "../../blobs/delegating-blob-store.js";
import type { BlobCollector } from "./blob-collector.js";

export class ClaimingBlobStore extends DelegatingBlobStore {
  constructor(
    inner: BlobStore,
    private readonly collector: Pick<BlobCollector, "claim">,
  ) {
    super(inner);
  }

  override put(source: ByteSource, options: PutOptions = {}) {
    return this.inner.put(source, {
      ...options,
      claim: async (key) => {
        await this.collector.claim(key);
        await options.claim?.(key);
      },
    });
  }
}
