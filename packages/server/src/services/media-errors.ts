/** The media pipeline's failures as domain errors: too large is 413, an image that cannot be cleaned is a bad `file`. */
import { BlobTooLargeError } from "../blobs/blob-store.js";
import { DomainError, invalidField } from "../errors.js";
import { ImageRejectedError } from "../media/image-pipeline.js";

export function rethrowMediaError(error: unknown, maxBytes: number): never {
  if (error instanceof BlobTooLargeError) {
    throw new DomainError("PAYLOAD_TOO_LARGE", `Files may be at most ${maxBytes} bytes.`);
  }
  if (error instanceof ImageRejectedError) throw invalidField("file", error.message);
  throw error;
}
