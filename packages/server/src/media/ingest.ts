/**
 * Turns an upload stream into stored blobs: stage with the size cap, sniff the real type, strip image metadata,
 * add a thumbnail. Opaque uploads (end-to-end encrypted attachments) are stored byte for byte.
 */
import { createReadStream } from "node:fs";
import type { BlobStore, ByteSource, StoredBlob } from "../blobs/blob-store.js";
import { stageStream } from "../blobs/staging.js";
import {
  AVATAR_SIZES,
  BANNER_WIDTHS,
  banner,
  canSanitize,
  emojiImage,
  ImageRejectedError,
  inspectImage,
  sanitizeImage,
  squareIcon,
  thumbnail,
} from "./image-pipeline.js";
import { type MediaKind, OPAQUE_TYPE, sniffFile } from "./sniff.js";

export interface IngestDeps {
  blobs: BlobStore;
  /** Where uploads are staged while they are inspected; on the same machine, private to the server. */
  tempDir: string;
}

export interface IngestedFile {
  blob: StoredBlob;
  /** Sniffed from the bytes; application/octet-stream when unknown or opaque. */
  contentType: string;
  kind: MediaKind;
  width?: number;
  height?: number;
  animated?: boolean;
  thumbnail?: { blob: StoredBlob; width: number; height: number };
}

export interface IngestOptions {
  maxBytes: number;
  /** Store exactly these bytes without looking inside (ciphertext the server must not and cannot interpret). */
  opaque?: boolean;
}

export async function ingestUpload(
  source: ByteSource,
  deps: IngestDeps,
  options: IngestOptions,
): Promise<IngestedFile> {
  const staged = await stageStream(source, { dir: deps.tempDir, maxBytes: options.maxBytes });
  try {
    const sniffed = options.opaque ? { mime: OPAQUE_TYPE, kind: "other" as const } : await sniffFile(staged.path);
    if (sniffed.kind !== "image") {
      const blob = await deps.blobs.put(createReadStream(staged.path));
      return { blob, contentType: sniffed.mime, kind: sniffed.kind };
    }
    // An image we cannot re-encode could carry a location we cannot remove: refused rather than stored.
    if (!canSanitize(sniffed.mime)) {
      throw new ImageRejectedError(`${sniffed.mime} images are not accepted; convert to JPEG, PNG, WebP, GIF or AVIF`);
    }
    const info = await inspectImage(staged.path);
    const blob = await deps.blobs.put(await sanitizeImage(staged.path, sniffed.mime, info));
    const thumb = await (await thumbnail(staged.path)).toBuffer({ resolveWithObject: true });
    return {
      blob,
      contentType: sniffed.mime,
      kind: "image",
      width: info.width,
      height: info.height,
      animated: info.animated,
      thumbnail: { blob: await deps.blobs.put([thumb.data]), width: thumb.info.width, height: thumb.info.height },
    };
  } finally {
    await staged.discard();
  }
}

export type IconShape = "square" | "banner";

export interface IngestedIcon {
  animated: boolean;
  /** One WebP per standard size: pixel size for squares, width for banners. */
  variants: { size: number; blob: StoredBlob }[];
}

/** Avatars, guild icons and banners: any accepted image in, standard-size WebP variants out. */
export async function ingestIcon(
  source: ByteSource,
  deps: IngestDeps,
  options: { maxBytes: number; shape: IconShape },
): Promise<IngestedIcon> {
  const staged = await stageStream(source, { dir: deps.tempDir, maxBytes: options.maxBytes });
  try {
    const sniffed = await sniffFile(staged.path);
    if (sniffed.kind !== "image" || !canSanitize(sniffed.mime)) {
      throw new ImageRejectedError("an avatar, icon or banner must be a JPEG, PNG, WebP, GIF or AVIF image");
    }
    const info = await inspectImage(staged.path);
    const sizes = options.shape === "square" ? AVATAR_SIZES : BANNER_WIDTHS;
    const variants = [];
    for (const size of sizes) {
      const image = await (options.shape === "square"
        ? squareIcon(staged.path, info, size)
        : banner(staged.path, info, size));
      variants.push({ size, blob: await deps.blobs.put(image) });
    }
    return { animated: info.animated, variants };
  } finally {
    await staged.discard();
  }
}

export interface IngestedEmoji {
  animated: boolean;
  /** PNG for a still image, GIF for an animated one. */
  image: StoredBlob;
  webp: StoredBlob;
}

const EMOJI_SOURCE_TYPES = new Set(["image/png", "image/gif", "image/webp", "image/jpeg"]);

/** Custom emoji: a PNG, GIF, WebP or JPEG in; a `size`-pixel PNG or GIF plus a WebP out, animation kept. */
export async function ingestEmoji(
  source: ByteSource,
  deps: IngestDeps,
  options: { maxBytes: number; size: number },
): Promise<IngestedEmoji> {
  const staged = await stageStream(source, { dir: deps.tempDir, maxBytes: options.maxBytes });
  try {
    const sniffed = await sniffFile(staged.path);
    if (!EMOJI_SOURCE_TYPES.has(sniffed.mime)) {
      throw new ImageRejectedError("an emoji must be a PNG, GIF, WebP or JPEG image");
    }
    const info = await inspectImage(staged.path);
    const format = info.animated ? "gif" : "png";
    const image = await deps.blobs.put(await emojiImage(staged.path, info, options.size, format));
    const webp = await deps.blobs.put(await emojiImage(staged.path, info, options.size, "webp"));
    return { animated: info.animated, image, webp };
  } finally {
    await staged.discard();
  }
}
