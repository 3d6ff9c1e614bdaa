import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import S3rver from "s3rver";
import { blobStoreContract } from "./blob-store.contract.js";
import { S3BlobStore, type S3Settings } from "./s3-blob-store.js";

// s3rver accepts its built-in S3RVER/S3RVER account and refuses unknown access keys.
let root = "";
let server: S3rver;
let settings: S3Settings;
const stores: S3BlobStore[] = [];

function openStore(overrides: Partial<S3Settings> = {}): S3BlobStore {
  const store = new S3BlobStore({ ...settings, ...overrides });
  stores.push(store);
  return store;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), "nexus-s3-"));
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: join(root, "s3"),
    configureBuckets: [{ name: "nexus-test" }],
  });
  const { port } = await server.run();
  settings = {
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    bucket: "nexus-test",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
    prefix: "files/",
    tempDir: join(root, "staging"),
  };
});

after(async () => {
  for (const store of stores) await store.close();
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe("S3 blob store: contract (against an S3-compatible server on loopback)", () => {
  blobStoreContract(async () => openStore());
});

describe("S3 blob store: configuration", () => {
  it("keeps objects under its prefix, so two prefixes in one bucket never see each other", async () => {
    const a = openStore({ prefix: "site-a/" });
    const b = openStore({ prefix: "site-b/" });
    const { key } = await a.put([Buffer.from("only in a")]);
    assert.equal(await a.exists(key), true);
    assert.equal(await b.exists(key), false);
  });

  it("reports a clear error when the credentials are refused", async () => {
    const wrong = openStore({ accessKeyId: "NOT-A-KEY" });
    await assert.rejects(wrong.put([Buffer.from("x")]), /HTTP 403/);
  });

  it("refuses a prefix that could escape into another part of the bucket's URL space", () => {
    assert.throws(() => new S3BlobStore({ ...settings, prefix: "../?x=" }), /prefix/);
  });
});
