/** Decides what a file is from its bytes (file-type's magic numbers), never from the name or type a client claims. */

export type MediaKind = "image" | "video" | "audio" | "other";

export interface SniffedType {
  /** A media type, or application/octet-stream when the bytes match nothing known (e.g. ciphertext). */
  mime: string;
  kind: MediaKind;
}

export const OPAQUE_TYPE = "application/octet-stream";

export async function sniffFile(path: string): Promise<SniffedType> {
  // Loaded by the first upload rather than at startup, which only needs what answers /readyz.
  const { fileTypeFromFile } = await import("file-type");
  const found = await fileTypeFromFile(path);
  if (!found) return { mime: OPAQUE_TYPE, kind: "other" };
  const top = found.mime.split("/")[0];
  const kind: MediaKind = top === "image" || top === "video" || top === "audio" ? top : "other";
  return { mime: found.mime, kind };
}
