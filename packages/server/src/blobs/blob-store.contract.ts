/** The behaviour every BlobStore driver must have; each driver's test file runs this suite against it. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { it } from "node:test";
import { BlobNotFoundError, BlobRangeError, type BlobStore, BlobTooLargeError } from "./blob-store.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function* chunksOf(bytes: Buffer, size = 7_919): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

function randomBytesSeeded(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1_103_515_245 + 12_345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export function blobStoreContract(open: () => Promise<BlobStore>): void {
  it("stores a stream under the SHA-256 of its bytes and reads it back", async () => {
    const store = await open();
    const bytes = randomBytesSeeded(300_000, 1);
    const stored = await store.put(chunksOf(bytes));
    assert.equal(stored.key, sha256(bytes));
    assert.equal(stored.sha256, stored.key);
    assert.equal(stored.size, bytes.length);
    assert.equal(await store.exists(stored.key), true);
    assert.deepEqual(await store.stat(stored.key), { size: bytes.length });
    const read = await store.get(stored.key);
    assert.equal(read.size, bytes.length);
    assert.deepEqual([read.start, read.end], [0, bytes.length - 1]);
    assert.ok((await readAll(read.stream)).equals(bytes));
  });

  it("stores identical bytes once, even when two puts race", async () => {
    const store = await open();
    const bytes = randomBytesSeeded(50_000, 2);
    const [a, b] = await Promise.all([store.put(chunksOf(bytes)), store.put(chunksOf(bytes, 1000))]);
    assert.equal(a.key, b.key);
    const again = await store.put(chunksOf(bytes));
    assert.equal(again.key, a.key);
    assert.ok((await readAll((await store.get(a.key)).stream)).equals(bytes));
  });

  it("claims the key after hashing and before storing, and stores nothing when the claim fails", async () => {
    const store = await open();
    const bytes = randomBytesSeeded(10_000, 9);
    const seen: { key: string; existed: boolean }[] = [];
    const claim = async (key: string) => {
      seen.push({ key, existed: await store.exists(key) });
    };
    const stored = await store.put(chunksOf(bytes), { claim });
    assert.deepEqual(seen, [{ key: sha256(bytes), existed: false }]);
    assert.equal(await store.exists(stored.key), true);
    const other = randomBytesSeeded(10_000, 10);
    const refused = store.put(chunksOf(other), { claim: () => Promise.reject(new Error("claim refused")) });
    await assert.rejects(refused, /claim refused/);
    assert.equal(await store.exists(sha256(other)), false);
  });

  it("stores an empty blob", async () => {
    const store = await open();
    const stored = await store.put(chunksOf(Buffer.alloc(0)));
    assert.equal(stored.key, sha256(Buffer.alloc(0)));
    assert.equal(stored.size, 0);
    assert.equal((await readAll((await store.get(stored.key)).stream)).length, 0);
  });

  it("stops reading at the size limit and stores nothing", async () => {
    const store = await open();
    let pulled = 0;
    async function* endless() {
      const chunk = Buffer.alloc(65_536, 1);
      for (;;) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    await assert.rejects(store.put(endless(), { maxBytes: 1_000_000 }), BlobTooLargeError);
    assert.ok(pulled < 1_000_000 + 4 * 65_536, `read ${pulled} bytes of an endless stream`);
    const exact = Buffer.alloc(1_000_000, 1);
    assert.equal((await store.put(chunksOf(exact), { maxBytes: 1_000_000 })).size, 1_000_000, "the limit is inclusive");
  });

  it("reads byte ranges, clamping the end and refusing a start past the end", async () => {
    const store = await open();
    const bytes = Buffer.from("0123456789abcdef");
    const { key } = await store.put(chunksOf(bytes));
    const middle = await store.get(key, { start: 5, end: 9 });
    assert.deepEqual([middle.start, middle.end, middle.size], [5, 9, 16]);
    assert.equal((await readAll(middle.stream)).toString(), "56789");
    const tail = await store.get(key, { start: 12 });
    assert.equal((await readAll(tail.stream)).toString(), "cdef");
    const clamped = await store.get(key, { start: 14, end: 1000 });
    assert.deepEqual([clamped.start, clamped.end], [14, 15]);
    assert.equal((await readAll(clamped.stream)).toString(), "ef");
    await assert.rejects(store.get(key, { start: 16 }), BlobRangeError);
  });

  it("deletes, and treats a missing blob as missing rather than an error", async () => {
    const store = await open();
    const { key } = await store.put(chunksOf(Buffer.from("short-lived")));
    await store.delete(key);
    assert.equal(await store.exists(key), false);
    assert.equal(await store.stat(key), undefined);
    await assert.rejects(store.get(key), BlobNotFoundError);
    await store.delete(key);
  });

  it("refuses keys that are not SHA-256 hex, so a key can never name another path or object", async () => {
    const store = await open();
    for (const key of ["../../etc/passwd", "", "A".repeat(64), `${"a".repeat(63)}/`, `${"a".repeat(64)}x`]) {
      await assert.rejects(store.get(key), BlobNotFoundError, key);
      await assert.rejects(store.stat(key), BlobNotFoundError, key);
      await assert.rejects(store.delete(key), BlobNotFoundError, key);
    }
  });
}
