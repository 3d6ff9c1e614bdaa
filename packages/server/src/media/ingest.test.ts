import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { type BlobStore, BlobTooLargeError } from "../blobs/blob-store.js";
import { LocalBlobStore } from "../blobs/local-blob-store.js";
import { animatedGif, photoWithGps } from "../test-support/test-images.js";
import { ImageRejectedError } from "./image-pipeline.js";
import { type IngestDeps, ingestIcon, ingestUpload } from "./ingest.js";

let root = "";
let deps: IngestDeps;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "nexus-media-"));
  deps = { blobs: await LocalBlobStore.open(join(root, "files")), tempDir: join(root, "tmp") };
});
after(() => rm(root, { recursive: true, force: true }));

const limit = { maxBytes: 25 * 1024 * 1024 };

async function stored(blobs: BlobStore, key: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of (await blobs.get(key)).stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe("upload ingest", () => {
  it("removes EXIF and GPS from a photo before it is stored, keeping its orientation", async () => {
    const photo = await photoWithGps();
    const before = await sharp(photo).metadata();
    assert.ok(before.exif && photo.includes("NexusCam"), "the test photo does carry EXIF");
    // Tag 0x8825 points at the GPS block; EXIF may be written in either byte order.
    const hasGps = (exif: Buffer) =>
      exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
    assert.ok(hasGps(before.exif), "…including a GPS block");

    const file = await ingestUpload([photo], deps, limit);
    assert.equal(file.contentType, "image/jpeg");
    assert.deepEqual([file.width, file.height], [48, 64], "rotated by the EXIF orientation, then stripped");
    const bytes = await stored(deps.blobs, file.blob.key);
    assert.equal(file.blob.key, createHash("sha256").update(bytes).digest("hex"));
    assert.equal(bytes.includes("Exif\0\0"), false, "no EXIF segment in the stored bytes");
    assert.equal(bytes.includes("NexusCam"), false);
    assert.equal(bytes.includes("SecretModel"), false);
    // JPEG byte-stuffs 0xFF in image data, so an 0xFFE1 pair can only be an APP1 (EXIF/XMP) segment.
    assert.equal(bytes.includes(Buffer.from([0xff, 0xe1])), false, "no APP1 segment in the stored bytes");
    const after = await sharp(bytes).metadata();
    assert.equal(after.exif, undefined);
    assert.equal(after.orientation, undefined);
    assert.deepEqual([after.width, after.height], [48, 64]);
  });

  it("adds a small WebP thumbnail to images", async () => {
    const big = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "navy" } })
      .png()
      .toBuffer();
    const file = await ingestUpload([big], deps, limit);
    assert.deepEqual([file.width, file.height], [1600, 900]);
    assert.deepEqual([file.thumbnail?.width, file.thumbnail?.height], [400, 225]);
    const thumb = await sharp(await stored(deps.blobs, file.thumbnail?.blob.key ?? "")).metadata();
    assert.equal(thumb.format, "webp");
  });

  it("trusts the bytes, not the claimed type: HTML named .png is an opaque file", async () => {
    const html = Buffer.from("<!doctype html><html><script>alert(document.cookie)</script></html>");
    const file = await ingestUpload([html], deps, limit);
    assert.equal(file.contentType, "application/octet-stream");
    assert.equal(file.kind, "other");
    assert.ok((await stored(deps.blobs, file.blob.key)).equals(html));
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: "red" } })
      .png()
      .toBuffer();
    assert.equal((await ingestUpload([png], deps, limit)).contentType, "image/png");
  });

  it("stores opaque and unknown bytes untouched, even ones that start like a JPEG", async () => {
    const ciphertext = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(10_000)]);
    const file = await ingestUpload([ciphertext], deps, { ...limit, opaque: true });
    assert.equal(file.contentType, "application/octet-stream");
    assert.equal(file.thumbnail, undefined);
    assert.ok((await stored(deps.blobs, file.blob.key)).equals(ciphertext));
    const noise = randomBytes(5_000);
    const unknown = await ingestUpload([noise], deps, limit);
    assert.equal(unknown.contentType, "application/octet-stream");
    assert.ok((await stored(deps.blobs, unknown.blob.key)).equals(noise));
  });

  it("refuses images it cannot clean, and broken ones, rather than storing them with their metadata", async () => {
    const truncated = (await photoWithGps()).subarray(0, 300);
    await assert.rejects(ingestUpload([truncated], deps, limit), ImageRejectedError);
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: "red" } })
      .tiff()
      .toBuffer();
    assert.equal((await ingestUpload([tiff], deps, limit)).contentType, "image/tiff");
  });

  it("refuses an oversized upload and leaves nothing staged", async () => {
    await assert.rejects(ingestUpload([Buffer.alloc(2000)], deps, { maxBytes: 1000 }), BlobTooLargeError);
    assert.deepEqual(await readdir(deps.tempDir), []);
  });
});

describe("avatar, icon and banner ingest", () => {
  it("resizes an avatar to the standard square sizes as WebP", async () => {
    const photo = await photoWithGps();
    const icon = await ingestIcon([photo], deps, { ...limit, shape: "square" });
    assert.equal(icon.animated, false);
    assert.deepEqual(
      icon.variants.map((v) => v.size),
      [128, 512],
    );
    for (const variant of icon.variants) {
      const bytes = await stored(deps.blobs, variant.blob.key);
      const meta = await sharp(bytes).metadata();
      assert.deepEqual(
        [meta.format, meta.width, meta.height, meta.exif],
        ["webp", variant.size, variant.size, undefined],
      );
    }
  });

  it("keeps an animated GIF animated", async () => {
    const icon = await ingestIcon([await animatedGif()], deps, { ...limit, shape: "square" });
    assert.equal(icon.animated, true);
    const small = icon.variants[0];
    assert.ok(small);
    const meta = await sharp(await stored(deps.blobs, small.blob.key), { animated: true }).metadata();
    assert.deepEqual([meta.format, meta.pages, meta.width, meta.pageHeight], ["webp", 3, 128, 128]);
  });

  it("crops banners to 16:9 and refuses non-images", async () => {
    const wide = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: "teal" } })
      .png()
      .toBuffer();
    const banner = await ingestIcon([wide], deps, { ...limit, shape: "banner" });
    const meta = await sharp(await stored(deps.blobs, banner.variants[1]?.blob.key ?? "")).metadata();
    assert.deepEqual([meta.width, meta.height], [960, 540]);
    await assert.rejects(
      ingestIcon([Buffer.from("plain text")], deps, { ...limit, shape: "square" }),
      ImageRejectedError,
    );
  });
});
