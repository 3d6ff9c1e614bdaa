/** Lite-mode blob store: files under <data_dir>/files/ named by their SHA-256, written to a temp file then renamed. */
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  assertBlobKey,
  type BlobKey,
  BlobNotFoundError,
  type BlobRange,
  type BlobReadResult,
  type BlobStore,
  type ByteSource,
  type PutOptions,
  resolveRange,
  type StoredBlob,
} from "./blob-store.js";
import { stageStream } from "./staging.js";

/** Leftovers of uploads interrupted by a crash; anything this old is not being written any more. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export class LocalBlobStore implements BlobStore {
  private readonly tempDir: string;

  private constructor(private readonly root: string) {
    // Inside root, so the final rename never crosses a filesystem and stays atomic.
    this.tempDir = join(root, ".tmp");
  }

  static async open(root: string): Promise<LocalBlobStore> {
    const store = new LocalBlobStore(root);
    await mkdir(store.tempDir, { recursive: true, mode: 0o700 });
    await store.removeStaleTempFiles();
    return store;
  }

  async put(source: ByteSource, options: PutOptions = {}): Promise<StoredBlob> {
    const staged = await stageStream(source, { dir: this.tempDir, maxBytes: options.maxBytes });
    try {
      await options.claim?.(staged.sha256);
      const destination = this.pathFor(staged.sha256);
      await mkdir(dirname(destination), { recursive: true, mode: 0o700 });
      // Same name means same bytes, so replacing an existing copy (or racing another put) is harmless.
      await rename(staged.path, destination);
    } finally {
      await staged.discard();
    }
    return { key: staged.sha256, sha256: staged.sha256, size: staged.size };
  }

  async get(key: BlobKey, range?: BlobRange): Promise<BlobReadResult> {
    assertBlobKey(key);
    // Opening first means a delete racing this read cannot cut the stream short.
    const handle = await open(this.pathFor(key), "r").catch((error: NodeJS.ErrnoException) => {
      throw error.code === "ENOENT" ? new BlobNotFoundError(key) : error;
    });
    try {
      const { size } = await handle.stat();
      const { start, end } = resolveRange(range, size);
      const stream = handle.createReadStream(size === 0 ? { start: 0 } : { start, end });
      return { stream, size, start, end };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async stat(key: BlobKey): Promise<{ size: number } | undefined> {
    assertBlobKey(key);
    try {
      return { size: (await stat(this.pathFor(key))).size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async exists(key: BlobKey): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: BlobKey): Promise<void> {
    assertBlobKey(key);
    await rm(this.pathFor(key), { force: true });
  }

  async close(): Promise<void> {}

  /** files/ab/cd/abcd…: two levels of fan-out keep directories small at millions of files. */
  private pathFor(key: BlobKey): string {
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  private async removeStaleTempFiles(): Promise<void> {
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of await readdir(this.tempDir)) {
      const path = join(this.tempDir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
  }
}
