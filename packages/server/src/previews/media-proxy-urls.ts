/**
 * Signed addresses for the media proxy: /media/proxy/{signature}/{base64url(url)}. Only URLs this server put into an
 * embed carry a valid signature, so the proxy fetches nothing else (it is not an open proxy).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const MEDIA_PROXY_PREFIX = "/media/proxy";

export class MediaProxyUrls {
  private readonly key: Buffer;

  /** `secret` is the server's signing secret; a purpose-bound key is derived from it, never used as is. */
  constructor(secret: string) {
    this.key = createHmac("sha256", secret).update("nexus media proxy v1").digest();
  }

  /** The proxied path for `url` (same origin as the API). */
  path(url: string): string {
    const encoded = Buffer.from(url, "utf8").toString("base64url");
    return `${MEDIA_PROXY_PREFIX}/${this.sign(encoded)}/${encoded}`;
  }

  /** The original URL when the signature matches, else undefined. */
  verify(signature: string, encoded: string): string | undefined {
    const expected = Buffer.from(this.sign(encoded));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return Buffer.from(encoded, "base64url").toString("utf8");
  }

  private sign(encoded: string): string {
    return createHmac("sha256", this.key).update(encoded).digest("base64url").slice(0, 32);
  }
}
