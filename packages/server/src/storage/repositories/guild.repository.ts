/** SQL for guilds and the public directory. */
import { type Selectable, sql, type Updateable } from "kysely";
import type { Db } from "../database.js";
import type { GuildsTable } from "../schema.js";

export type GuildRow = Selectable<GuildsTable>;
export type NewGuild = Omit<GuildRow, "access_version">;

export interface DirectoryRow extends Pick<GuildRow, "id" | "name" | "icon" | "description"> {
  member_count: number;
}

export class GuildRepository {
  constructor(private readonly db: Db) {}

  async insert(guild: NewGuild): Promise<void> {
    await this.db.insertInto("guilds").values(guild).execute();
  }

  findById(id: string): Promise<GuildRow | undefined> {
    return this.db.selectFrom("guilds").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** The guilds `userId` is a member of, oldest membership first. */
  listForUser(userId: string): Promise<GuildRow[]> {
    return this.db
      .selectFrom("guilds")
      .innerJoin("members", "members.guild_id", "guilds.id")
      .selectAll("guilds")
      .where("members.user_id", "=", userId)
      .orderBy("members.joined_at")
      .orderBy("guilds.id")
      .execute();
  }

  async countForUser(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom("members")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countOwnedBy(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom("guilds")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_id", "=", userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(id: string, changes: Updateable<GuildsTable>): Promise<void> {
    await this.db.updateTable("guilds").set(changes).where("id", "=", id).execute();
  }

  /** Marks cached permission contexts of this guild stale (roles, channels or overwrites changed). */
  async bumpAccessVersion(id: string): Promise<void> {
    await this.db
      .updateTable("guilds")
      .set((eb) => ({ access_version: eb("access_version", "+", 1) }))
      .where("id", "=", id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("guilds").where("id", "=", id).execute();
  }

  /** Discoverable guilds whose name or description contains `query` (case-insensitive), biggest first. */
  async searchDirectory(
    query: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: DirectoryRow[]; total: number }> {
    const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let base = this.db.selectFrom("guilds").where("discoverable", "=", 1);
    if (query !== "") {
      // ESCAPE spelled out: SQLite has no default escape character, PostgreSQL's is the backslash.
      base = base.where(
        sql<boolean>`(guilds.name_key like ${pattern} escape '\\' or lower(guilds.description) like ${pattern} escape '\\')`,
      );
    }
    const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const rows = await base
      .select(["guilds.id", "guilds.name", "guilds.icon", "guilds.description"])
      .select((eb) =>
        eb
          .selectFrom("members")
          .whereRef("members.guild_id", "=", "guilds.id")
          .select((m) => m.fn.countAll<number>().as("c"))
          .as("member_count"),
      )
      .orderBy("member_count", "desc")
      .orderBy("guilds.id")
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      rows: rows.map((r) => ({ ...r, member_count: Number(r.member_count ?? 0) })),
      total: Number(total.n),
    };
  }
}
