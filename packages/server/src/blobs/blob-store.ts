/** File storage: content-addressed blobs, streamed in and out and never held whole in memory. Drivers: local disk, S3. */
import type { Readable } from "node:stream";

/** A stored blob is named by the SHA-256 of its bytes (64 lower-case hex digits). */
export type BlobKey = string;

export interface StoredBlob {
  key: BlobKey;
  /** Same as key; kept separate so callers read what they mean. */
  sha256: string;
  size: number;
}

/** Byte range, both ends inclusive (as in HTTP Range); `end` past the blob is clamped to its last byte. */
export interface BlobRange {
  start: number;
  end?: number;
}

export interface BlobReadResult {
  stream: Readable;
  /** Size of the whole blob. */
  size: number;
  /** The bytes the stream carries, inclusive; the whole blob when no range was asked for. */
  start: number;
  end: number;
}

/** A readable stream, an async generator or an array of chunks. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface PutOptions {
  /** Fail with BlobTooLargeError as soon as more than this many bytes arrive (nothing is stored). */
  maxBytes?: number;
  /**
   * Called with the key once the bytes are hashed and before they are stored; the put stores nothing until it
   * resolves, and fails if it fails. The service layer claims the blob here so the collector cannot delete it.
   */
  claim?: (key: BlobKey) => Promise<void>;
}

export interface BlobStore {
  /** Streams `source` into the store, hashing as it goes; storing the same bytes twice stores them once. */
  put(source: ByteSource, options?: PutOptions): Promise<StoredBlob>;
  /** Fails with BlobNotFoundError, or BlobRangeError when `range.start` is past the end. */
  get(key: BlobKey, range?: BlobRange): Promise<BlobReadResult>;
  /** The blob's size, or undefined when it does not exist. */
  stat(key: BlobKey): Promise<{ size: number } | undefined>;
  exists(key: BlobKey): Promise<boolean>;
  /** Removes the blob; removing a missing blob is not an error. */
  delete(key: BlobKey): Promise<void>;
  close(): Promise<void>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = "BlobTooLargeError";
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: BlobKey) {
    super(`no blob ${key}`);
    this.name = "BlobNotFoundError";
  }
}

export class BlobRangeError extends Error {
  constructor(
    readonly start: number,
    readonly size: number,
  ) {
    super(`range start ${start} is past the end of a ${size}-byte blob`);
    this.name = "BlobRangeError";
  }
}

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** Keys become file paths and object names: anything but a SHA-256 hex string is refused before it gets there. */
export function assertBlobKey(key: string): asserts key is BlobKey {
  if (!KEY_PATTERN.test(key)) throw new BlobNotFoundError(key.slice(0, 80));
}

/** Clamps and checks a range against a blob's size. */
export function resolveRange(range: BlobRange | undefined, size: number): { start: number; end: number } {
  // An empty blob reads as start 0, end -1: no bytes.
  if (!range) return { start: 0, end: size - 1 };
  if (!Number.isInteger(range.start) || range.start < 0 || range.start >= size) {
    throw new BlobRangeError(range.start, size);
  }
  const end = Math.min(range.end ?? size - 1, size - 1);
  if (end < range.start) throw new BlobRangeError(range.start, size);
  return { start: range.start, end };
}
