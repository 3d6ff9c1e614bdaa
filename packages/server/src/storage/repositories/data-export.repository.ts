/** SQL for personal data exports: what the user is a member of, and the stored archives. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { DataExportsTable } from "../schema.js";

export type DataExportRow = Selectable<DataExportsTable>;

export class DataExportRepository {
  constructor(private readonly db: Db) {}

  memberships(userId: string) {
    return this.db
      .selectFrom("members")
      .innerJoin("guilds", "guilds.id", "members.guild_id")
      .select(["guilds.id as guild_id", "guilds.name", "members.nickname", "members.joined_at"])
      .where("members.user_id", "=", userId)
      .orderBy("members.joined_at")
      .execute();
  }

  async roleIds(userId: string): Promise<{ guild_id: string; role_id: string }[]> {
    return this.db.selectFrom("member_roles").select(["guild_id", "role_id"]).where("user_id", "=", userId).execute();
  }

  async insert(row: DataExportRow): Promise<void> {
    await this.db.insertInto("data_exports").values(row).execute();
  }

  find(id: string, userId: string, now: number): Promise<DataExportRow | undefined> {
    return this.db
      .selectFrom("data_exports")
      .selectAll()
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where("expires_at", ">", now)
      .executeTakeFirst();
  }

  async purgeExpired(now: number): Promise<void> {
    await this.db.deleteFrom("data_exports").where("expires_at", "<=", now).execute();
  }
}
