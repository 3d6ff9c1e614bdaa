/** Streams bytes into a private temporary file while hashing and counting them, stopping at a size limit. */
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BlobTooLargeError, type ByteSource } from "./blob-store.js";

export interface StagedFile {
  path: string;
  size: number;
  sha256: string;
  /** Deletes the temporary file (safe to call after it was renamed away). */
  discard(): Promise<void>;
}

export async function stageStream(
  source: ByteSource,
  options: { dir: string; maxBytes?: number },
): Promise<StagedFile> {
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const path = join(options.dir, `${randomUUID()}.part`);
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (options.maxBytes !== undefined && size > options.maxBytes) {
        callback(new BlobTooLargeError(options.maxBytes));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const discard = () => rm(path, { force: true });
  // Created before the copy starts: a stream that opened the file itself could create it after a refused
  // upload's discard had already run, leaving a stray part file.
  const file = await open(path, "wx", 0o600);
  try {
    // flush: fsync before close, so a blob renamed into place after a crash is never a torn file.
    await pipeline(source, meter, createWriteStream(path, { fd: file, flush: true }));
  } catch (error) {
    await discard();
    throw error;
  }
  return { path, size, sha256: hash.digest("hex"), discard };
}
