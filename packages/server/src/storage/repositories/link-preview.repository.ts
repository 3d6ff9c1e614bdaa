/** SQL for link previews: the on/off switches of servers and users, and the shared preview cache. */
import type { Db } from "../database.js";

export class LinkPreviewRepository {
  constructor(private readonly db: Db) {}

  /** Scopes (guild or user ids) among `scopeIds` that switched previews off. */
  async disabledAmong(scopeIds: readonly string[]): Promise<string[]> {
    if (scopeIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("link_preview_settings")
      .select("scope_id")
      .where("scope_id", "in", scopeIds)
      .where("enabled", "=", 0)
      .execute();
    return rows.map((r) => r.scope_id);
  }

  async setEnabled(scopeId: string, enabled: boolean): Promise<void> {
    if (enabled) {
      await this.db.deleteFrom("link_preview_settings").where("scope_id", "=", scopeId).execute();
      return;
    }
    await this.db
      .insertInto("link_preview_settings")
      .values({ scope_id: scopeId, enabled: 0 })
      .onConflict((oc) => oc.column("scope_id").doUpdateSet({ enabled: 0 }))
      .execute();
  }

  /** The cached embed JSON (null: "no preview"), or undefined when absent or expired. */
  async cached(url: string, now: number): Promise<string | null | undefined> {
    const row = await this.db
      .selectFrom("link_preview_cache")
      .select("embed")
      .where("url", "=", url)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return row ? row.embed : undefined;
  }

  async cache(url: string, embed: string | null, expiresAt: number): Promise<void> {
    await this.db
      .insertInto("link_preview_cache")
      .values({ url, embed, expires_at: expiresAt })
      .onConflict((oc) => oc.column("url").doUpdateSet({ embed, expires_at: expiresAt }))
      .execute();
  }

  /** Drops expired entries (the messaging sweeper calls this every minute). */
  async sweep(now: number): Promise<void> {
    await this.db.deleteFrom("link_preview_cache").where("expires_at", "<=", now).execute();
  }
}
