/** Decides what a file is from its bytes (file-type's magic numbers), never from the name or type a client claims. */
import { fileTypeFromFile } from "file-type";

export type MediaKind = "image" | "video" | "audio" | "other";

export interface SniffedType {
  /** A media type, or application/octet-stream when the bytes match nothing known (e.g. ciphertext). */
  mime: string;
  kind: MediaKind;
}

export const OPAQUE_TYPE = "application/octet-stream";

export async function sniffFile(path: string): Promise<SniffedType> {
  const found = await fileTypeFromFile(path);
  if (!found) return { mime: OPAQUE_TYPE, kind: "other" };
  const top = found.mime.split("/")[0];
  const kind: MediaKind = top === "image" || top === "video" || top === "audio" ? top : "other";
  return { mime: found.mime, kind };
}
