/** Stores emoji images through the shared media pipeline (sniffed, re-encoded, resized) and the blob store. */
import { EMOJI_IMAGE_MAX_BYTES, EMOJI_SIZE } from "@nexus/protocol";
import { type BlobStore, BlobTooLargeError } from "../../blobs/blob-store.js";
import { invalidField } from "../../errors.js";
import { ImageRejectedError } from "../../media/image-pipeline.js";
import { ingestEmoji } from "../../media/ingest.js";
import type { EmojiImageStore } from "./emoji.service.js";

export function emojiImageStore(blobs: BlobStore, tempDir: string): EmojiImageStore {
  return {
    async store(bytes) {
      try {
        const ingested = await ingestEmoji(
          [bytes],
          { blobs, tempDir },
          {
            maxBytes: EMOJI_IMAGE_MAX_BYTES,
            size: EMOJI_SIZE,
          },
        );
        return { animated: ingested.animated, imageKey: ingested.image.key, webpKey: ingested.webp.key };
      } catch (error) {
        if (error instanceof BlobTooLargeError) throw invalidField("image", "must be at most 256 KiB");
        if (error instanceof ImageRejectedError) throw invalidField("image", error.message);
        throw error;
      }
    },
    async open(key) {
      const { stream, size } = await blobs.get(key);
      return { stream, size };
    },
  };
}
