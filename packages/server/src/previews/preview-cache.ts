/** Remembers link previews (and failures) for a while, so a URL posted many times is fetched once. */
import type { Embed } from "@nexus/protocol";

export interface PreviewCache {
  /** undefined: not cached; null: cached as "no preview". */
  get(url: string): Promise<Embed | null | undefined>;
  set(url: string, embed: Embed | null, ttlMs: number): Promise<void>;
}

/** In-process cache with a fixed number of entries, evicting the least recently used. */
export class MemoryPreviewCache implements PreviewCache {
  private readonly entries = new Map<string, { embed: Embed | null; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(url: string): Promise<Embed | null | undefined> {
    const entry = this.entries.get(url);
    if (!entry) return undefined;
    this.entries.delete(url);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(url, entry);
    return entry.embed;
  }

  async set(url: string, embed: Embed | null, ttlMs: number): Promise<void> {
    this.entries.delete(url);
    this.entries.set(url, { embed, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
