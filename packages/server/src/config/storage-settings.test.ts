import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createBlobStore } from "../blobs/create-blob-store.js";
import { LocalBlobStore } from "../blobs/local-blob-store.js";
import { S3BlobStore } from "../blobs/s3-blob-store.js";
import { ConfigError, loadConfig } from "./load-config.js";

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "nexus-config-"));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("upload and storage settings", () => {
  it("defaults to 25 MiB uploads on local disk under data_dir/files", async () => {
    const dir = await dataDir();
    const { config } = loadConfig({ env: { NEXUS_DATA_DIR: dir }, createIfMissing: true });
    assert.equal(config.uploads.maxBytes, 25 * 1024 * 1024);
    assert.equal(config.storage.driver, "local");
    assert.equal(config.storage.s3.prefix, "files/");
    const store = await createBlobStore(config);
    assert.ok(store instanceof LocalBlobStore);
  });

  it("reads the s3 table from nexus.toml and builds the S3 driver", async () => {
    const dir = await dataDir();
    const file = join(dir, "custom.toml");
    await writeFile(
      file,
      `[storage]\ndriver = "s3"\ns3.endpoint = "http://127.0.0.1:9000"\ns3.bucket = "nexus-files"\n` +
        `s3.access_key_id = "id"\ns3.secret_access_key = "shh"\ns3.force_path_style = true\n` +
        `[secrets]\ntoken_signing_key = "${"k".repeat(43)}"\n`,
    );
    const { config } = loadConfig({ configPath: file, env: { NEXUS_DATA_DIR: dir } });
    assert.deepEqual(config.storage.s3, {
      endpoint: "http://127.0.0.1:9000",
      region: "us-east-1",
      bucket: "nexus-files",
      accessKeyId: "id",
      secretAccessKey: "shh",
      forcePathStyle: true,
      prefix: "files/",
    });
    const store = await createBlobStore(config);
    assert.ok(store instanceof S3BlobStore);
    await store.close();
  });

  it("names every missing S3 setting at once", async () => {
    const dir = await dataDir();
    loadConfig({ env: { NEXUS_DATA_DIR: dir }, createIfMissing: true });
    const error = (() => {
      try {
        loadConfig({
          env: { NEXUS_DATA_DIR: dir, NEXUS_STORAGE_DRIVER: "s3", NEXUS_UPLOADS_MAX_BYTES: "0" },
        });
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ConfigError);
    const text = error.problems.join("\n");
    for (const key of [
      "uploads.max_bytes",
      "storage.s3.bucket",
      "storage.s3.access_key_id",
      "storage.s3.secret_access_key",
    ]) {
      assert.match(text, new RegExp(key.replace(/\./g, "\\.")));
    }
  });
});
