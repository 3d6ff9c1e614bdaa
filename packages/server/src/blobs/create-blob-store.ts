/** Picks the blob store driver the configuration names; the only place that knows both drivers. */
import { join } from "node:path";
import type { Config } from "../config/config.js";
import type { BlobStore } from "./blob-store.js";
import { LocalBlobStore } from "./local-blob-store.js";
import { S3BlobStore } from "./s3-blob-store.js";

export async function createBlobStore(config: Pick<Config, "dataDir" | "storage">): Promise<BlobStore> {
  switch (config.storage.driver) {
    case "local":
      return LocalBlobStore.open(join(config.dataDir, "files"));
    case "s3":
      return new S3BlobStore({ ...config.storage.s3, tempDir: join(config.dataDir, "tmp", "uploads") });
  }
}
