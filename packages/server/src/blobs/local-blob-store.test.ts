import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { blobStoreContract } from "./blob-store.contract.js";
import { BlobTooLargeError } from "./blob-store.js";
import { LocalBlobStore } from "./local-blob-store.js";

const roots: string[] = [];
async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "nexus-blobs-"));
  roots.push(root);
  return join(root, "files");
}
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe("local blob store: contract", () => {
  blobStoreContract(async () => LocalBlobStore.open(await freshRoot()));
});

describe("local blob store: on disk", () => {
  it("lays files out as files/ab/cd/<sha256>, private to the server's user, with no temp file left", async () => {
    const root = await freshRoot();
    const store = await LocalBlobStore.open(root);
    const bytes = Buffer.from("hello nexus");
    const { key } = await store.put([bytes]);
    assert.equal(key, createHash("sha256").update(bytes).digest("hex"));
    const path = join(root, key.slice(0, 2), key.slice(2, 4), key);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(join(root, ".tmp")), []);
  });

  it("leaves no temp file behind when an upload is too large or its source fails", async () => {
    const root = await freshRoot();
    const store = await LocalBlobStore.open(root);
    await assert.rejects(store.put([Buffer.alloc(2048)], { maxBytes: 1024 }), BlobTooLargeError);
    async function* broken() {
      yield Buffer.alloc(1000);
      throw new Error("client went away");
    }
    await assert.rejects(store.put(broken()), /client went away/);
    assert.deepEqual(await readdir(join(root, ".tmp")), []);
  });

  it("sweeps temp files left by a crash on open, but not fresh ones", async () => {
    const root = await freshRoot();
    await LocalBlobStore.open(root);
    const old = join(root, ".tmp", "old.part");
    const fresh = join(root, ".tmp", "fresh.part");
    await writeFile(old, "x");
    await writeFile(fresh, "y");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await LocalBlobStore.open(root);
    assert.deepEqual(await readdir(join(root, ".tmp")), ["fresh.part"]);
  });

  it("streams a 25 MiB upload without holding it in memory", async () => {
    const store = await LocalBlobStore.open(await freshRoot());
    const chunk = Buffer.alloc(64 * 1024, 7);
    let peak = 0;
    const baseline = process.memoryUsage();
    async function* upload() {
      for (let i = 0; i < 400; i++) {
        const now = process.memoryUsage();
        peak = Math.max(peak, now.heapUsed + now.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers);
        yield chunk;
      }
    }
    const stored = await store.put(upload(), { maxBytes: 25 * 1024 * 1024 });
    assert.equal(stored.size, 25 * 1024 * 1024);
    assert.ok(peak < 12 * 1024 * 1024, `memory grew by ${(peak / 1048576).toFixed(1)} MiB during a 25 MiB upload`);
  });
});
