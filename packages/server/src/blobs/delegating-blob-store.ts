/** A blob store that forwards everything to another; subclasses override what they add to (e.g. claiming on put). */
import type { BlobKey, BlobRange, BlobStore, ByteSource, PutOptions } from "./blob-store.js";

export class DelegatingBlobStore implements BlobStore {
  constructor(protected readonly inner: BlobStore) {}

  put(source: ByteSource, options?: PutOptions) {
    return this.inner.put(source, options);
  }

  get(key: BlobKey, range?: BlobRange) {
    return this.inner.get(key, range);
  }

  stat(key: BlobKey) {
    return this.inner.stat(key);
  }

  exists(key: BlobKey) {
    return this.inner.exists(key);
  }

  delete(key: BlobKey) {
    return this.inner.delete(key);
  }

  close() {
    return this.inner.close();
  }
}
