/**
 * Serves the images of link previews from this server, so a viewer's browser never contacts (and never reveals its
 * IP address to) the site that was linked. Fetches go through the SSRF-safe fetcher; only signed URLs, only real
 * images (sniffed from the bytes), and only up to a size cap.
 */
import { DomainError, notFound } from "../errors.js";
import { readBody, SafeFetchError, type SafeFetcher } from "../net/safe-fetch.js";
import type { MediaProxyUrls } from "./media-proxy-urls.js";

/** Raster formats browsers show as images; SVG is left out on purpose (it is a document that can run script). */
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);

export interface ProxiedImage {
  body: Buffer;
  contentType: string;
}

export interface MediaProxySettings {
  fetcher: SafeFetcher;
  urls: MediaProxyUrls;
  maxBytes: number;
  timeoutMs: number;
}

const upstreamFailed = (why: string) => new DomainError("UPSTREAM_FAILED", `The image could not be loaded: ${why}.`);

export class MediaProxy {
  constructor(private readonly settings: MediaProxySettings) {}

  async fetch(signature: string, encoded: string): Promise<ProxiedImage> {
    const url = this.settings.urls.verify(signature, encoded);
    if (!url) throw notFound("Media");
    let body: Buffer;
    try {
      const response = await this.settings.fetcher.fetch(url, {
        accept: [...IMAGE_TYPES].join(","),
        maxBytes: this.settings.maxBytes,
        timeoutMs: this.settings.timeoutMs,
      });
      if (response.status !== 200) {
        response.body.destroy();
        throw upstreamFailed(`the site answered ${response.status}`);
      }
      body = await readBody(response);
    } catch (error) {
      // Which internal address was refused, or why a connection failed, is nobody's business but the log's.
      if (error instanceof SafeFetchError) throw upstreamFailed(error.code.toLowerCase().replace(/_/g, " "));
      throw error;
    }
    // Loaded by the first proxied image rather than at startup.
    const { fileTypeFromBuffer } = await import("file-type");
    const sniffed = await fileTypeFromBuffer(body);
    if (!sniffed || !IMAGE_TYPES.has(sniffed.mime)) throw upstreamFailed("it is not an image");
    return { body, contentType: sniffed.mime };
  }
}
