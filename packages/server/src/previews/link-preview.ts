/**
 * Builds the embed for a link in a message: OpenGraph first, then Twitter cards, oEmbed and finally <title> and
 * <meta name="description">. Every request (page and oEmbed) goes through the SSRF-safe fetcher.
 */
import { EMBED_LIMITS, type Embed, EmbedSchema, type EmbedType } from "@nexus/protocol";
import { readBody, type SafeFetcher } from "../net/safe-fetch.js";
import { readPageMetadata } from "./page-metadata.js";
import type { PreviewCache } from "./preview-cache.js";

export interface LinkPreviewer {
  /** The embed for `url`, or null when the page offers nothing worth showing (or cannot be fetched). */
  preview(url: string): Promise<Embed | null>;
}

export interface LinkPreviewSettings {
  fetcher: SafeFetcher;
  cache: PreviewCache;
  /** Most of a page read looking for its head. */
  maxHtmlBytes?: number;
  ttlMs?: number;
  /** How long a failure is remembered, so a dead link is not refetched on every mention. */
  failureTtlMs?: number;
}

const DESCRIPTION_MAX = 350;
const OEMBED_MAX_BYTES = 65_536;
const ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,image/*;q=0.8,video/*;q=0.5";

interface OEmbed {
  title?: unknown;
  author_name?: unknown;
  author_url?: unknown;
  provider_name?: unknown;
  provider_url?: unknown;
  thumbnail_url?: unknown;
  thumbnail_width?: unknown;
  thumbnail_height?: unknown;
  type?: unknown;
}

export function createLinkPreviewer(settings: LinkPreviewSettings): LinkPreviewer {
  const { fetcher, cache } = settings;
  const ttlMs = settings.ttlMs ?? 60 * 60 * 1000;
  const failureTtlMs = settings.failureTtlMs ?? 10 * 60 * 1000;

  async function build(url: string): Promise<Embed | null> {
    const response = await fetcher.fetch(url, { accept: ACCEPT_PAGE, maxBytes: settings.maxHtmlBytes ?? 1_048_576 });
    try {
      if (response.status !== 200) return null;
      const media = response.mediaType ?? "";
      if (media.startsWith("image/")) return { type: "image", url, image: { url: response.url } };
      if (media.startsWith("video/")) return { type: "video", url, video: { url: response.url } };
      if (media !== "text/html" && media !== "application/xhtml+xml") return null;
      const page = await readPageMetadata(response.body, response.charset);
      const oembedUrl = page.oembedUrl ? absolute(page.oembedUrl, response.url) : undefined;
      const oembed = oembedUrl ? await fetchOEmbed(oembedUrl) : {};
      return compose(url, response.url, page.meta, page.title, oembed);
    } finally {
      response.body.destroy();
    }
  }

  async function fetchOEmbed(url: string): Promise<OEmbed> {
    try {
      const response = await fetcher.fetch(url, { accept: "application/json", maxBytes: OEMBED_MAX_BYTES });
      if (response.status !== 200) {
        response.body.destroy();
        return {};
      }
      const parsed: unknown = JSON.parse((await readBody(response)).toString("utf8"));
      return parsed !== null && typeof parsed === "object" ? (parsed as OEmbed) : {};
    } catch {
      // A broken or refused oEmbed endpoint only loses the extras; the page's own tags still make a preview.
      return {};
    }
  }

  return {
    async preview(rawUrl) {
      const key = cacheKey(rawUrl);
      if (!key) return null;
      const cached = await cache.get(key);
      if (cached !== undefined) return cached;
      const embed = await build(key).catch(() => null);
      await cache.set(key, embed, embed ? ttlMs : failureTtlMs);
      return embed;
    },
  };
}

function compose(
  url: string,
  finalUrl: string,
  meta: Map<string, string>,
  pageTitle: string | undefined,
  oembed: OEmbed,
): Embed | null {
  const pick = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v !== undefined && v !== "");
  const title = pick("og:title", "twitter:title") ?? text(oembed.title) ?? pageTitle;
  const description = pick("og:description", "twitter:description", "description");
  const imageUrl = absolute(pick("og:image:secure_url", "og:image", "twitter:image", "twitter:image:src"), finalUrl);
  const thumbnailUrl = absolute(text(oembed.thumbnail_url), finalUrl);
  const videoUrl = absolute(pick("og:video:secure_url", "og:video:url", "og:video"), finalUrl);
  const siteName = pick("og:site_name") ?? text(oembed.provider_name);
  const authorName = text(oembed.author_name);
  const ogType = pick("og:type") ?? "";
  const type: EmbedType = ogType.startsWith("video") || videoUrl ? "video" : ogType === "article" ? "article" : "link";
  const largeImage = pick("twitter:card") === "summary_large_image" || type !== "link";

  const image = imageUrl ?? thumbnailUrl;
  const media = image
    ? { url: image, width: dimension(pick("og:image:width")), height: dimension(pick("og:image:height")) }
    : undefined;
  const candidate: Embed = {
    type,
    url: absolute(pick("og:url"), finalUrl) ?? url,
    title: truncate(title, EMBED_LIMITS.title),
    description: truncate(description, DESCRIPTION_MAX),
    color: colour(pick("theme-color")),
    provider: siteName
      ? { name: truncate(siteName, EMBED_LIMITS.providerName), url: absolute(text(oembed.provider_url), finalUrl) }
      : undefined,
    author: authorName
      ? { name: truncate(authorName, EMBED_LIMITS.authorName) ?? "", url: absolute(text(oembed.author_url), finalUrl) }
      : undefined,
    image: media && largeImage ? media : undefined,
    thumbnail: media && !largeImage ? media : undefined,
    video: videoUrl ? { url: videoUrl } : undefined,
  };
  if (!candidate.title && !candidate.description && !media) return null;
  // Whatever a page claims, only embeds that pass the wire schema leave this function.
  const parsed = EmbedSchema.safeParse(JSON.parse(JSON.stringify(candidate)));
  return parsed.success ? parsed.data : null;
}

function cacheKey(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}

/** Resolves a page-relative address; anything but http(s) (javascript:, data:) is dropped. */
function absolute(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function truncate(value: string | undefined, max: number): string | undefined {
  if (!value) return undefined;
  const clean = value.replace(/\s+/g, " ").trim();
  return clean.length <= max ? clean || undefined : `${clean.slice(0, max - 1)}…`;
}

function dimension(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 65_535 ? n : undefined;
}

function colour(value: string | undefined): number | undefined {
  const match = /^#([0-9a-f]{6})$/i.exec(value ?? "");
  return match?.[1] ? Number.parseInt(match[1], 16) : undefined;
}
