/**
 * Response headers for serving stored files. A file must never run as a page on our origin: only plain media is
 * shown inline, everything else downloads as bytes, browsers may not guess types, and the response is sandboxed.
 */
import { cleanFilename } from "../../media/safe-filename.js";

/** Types a browser renders as media, never as a document; SVG, HTML and XML are deliberately absent. */
const INLINE_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "video/mp4",
  "video/webm",
  "video/ogg",
  "video/quicktime",
  "audio/mpeg",
  "audio/ogg",
  "audio/wav",
  "audio/webm",
  "audio/flac",
  "audio/aac",
  "audio/mp4",
]);

export interface DownloadDescription {
  /** The name the uploader gave; only ever used in Content-Disposition. */
  filename: string;
  /** The sniffed type recorded at upload. */
  contentType: string;
  /** Bytes in this response (the range length for a 206). */
  contentLength: number;
  /** Strong validator, e.g. the blob's SHA-256. */
  etag?: string;
}

export function isInlineType(contentType: string): boolean {
  return INLINE_TYPES.has(contentType.split(";")[0]?.trim().toLowerCase() ?? "");
}

/** Headers for a 200/206 file response. */
export function downloadHeaders(file: DownloadDescription): Record<string, string> {
  const inline = isInlineType(file.contentType);
  const headers: Record<string, string> = {
    "content-type": inline ? (file.contentType.split(";")[0]?.trim().toLowerCase() ?? "") : "application/octet-stream",
    "content-length": String(file.contentLength),
    "content-disposition": contentDisposition(inline ? "inline" : "attachment", file.filename),
    "x-content-type-options": "nosniff",
    "content-security-policy":
      "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'",
    "cross-origin-resource-policy": "same-origin",
    "referrer-policy": "no-referrer",
    // Access is checked per request with the viewer's credentials, so shared caches must not keep a copy.
    "cache-control": "private, max-age=3600",
    "accept-ranges": "bytes",
  };
  if (file.etag) headers.etag = `"${file.etag}"`;
  return headers;
}

/**
 * RFC 6266: a plain-ASCII `filename` for old clients plus an RFC 8187 `filename*` carrying the exact UTF-8 name.
 * Path separators and control characters are replaced, so the name can never point outside the download folder.
 */
export function contentDisposition(type: "inline" | "attachment", filename: string): string {
  const cleaned = cleanFilename(filename);
  const fallback = cleaned.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(cleaned).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  if (encoded === cleaned && fallback === cleaned) return `${type}; filename="${cleaned}"`;
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export type ParsedRange = { start: number; end: number } | "unsatisfiable" | undefined;

/**
 * One `bytes=` range from a Range header, resolved against the file size. Multiple ranges are answered with the
 * whole file (allowed by RFC 9110), which avoids multipart responses.
 */
export function parseRangeHeader(header: string | undefined, size: number): ParsedRange {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return undefined;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
