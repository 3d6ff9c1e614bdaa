/**
 * The preview cache every node shares: a database table behind a small in-process LRU, so a link posted in many
 * channels (or on many nodes) is fetched once per TTL.
 */
import type { Embed } from "@nexus/protocol";
import type { LinkPreviewRepository } from "../storage/repositories/link-preview.repository.js";
import { MemoryPreviewCache, type PreviewCache } from "./preview-cache.js";

/** URLs longer than this are not cached in the table (a primary key of any length is not portable). */
const MAX_CACHED_URL = 2048;

export class TablePreviewCache implements PreviewCache {
  private readonly memory: MemoryPreviewCache;

  constructor(
    private readonly table: LinkPreviewRepository,
    private readonly now: () => number = Date.now,
    memoryEntries = 1_000,
  ) {
    this.memory = new MemoryPreviewCache(memoryEntries, now);
  }

  async get(url: string): Promise<Embed | null | undefined> {
    const local = await this.memory.get(url);
    if (local !== undefined || url.length > MAX_CACHED_URL) return local;
    const stored = await this.table.cached(url, this.now());
    if (stored === undefined) return undefined;
    return stored === null ? null : (JSON.parse(stored) as Embed);
  }

  async set(url: string, embed: Embed | null, ttlMs: number): Promise<void> {
    await this.memory.set(url, embed, ttlMs);
    if (url.length > MAX_CACHED_URL) return;
    await this.table.cache(url, embed === null ? null : JSON.stringify(embed), this.now() + ttlMs);
  }
}
