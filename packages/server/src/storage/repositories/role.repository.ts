/** SQL for roles. */
import type { Selectable, Updateable } from "kysely";
import type { Db } from "../database.js";
import type { RolesTable } from "../schema.js";

export type RoleRow = Selectable<RolesTable>;

export class RoleRepository {
  constructor(private readonly db: Db) {}

  async insert(role: RoleRow): Promise<void> {
    await this.db.insertInto("roles").values(role).execute();
  }

  find(guildId: string, roleId: string): Promise<RoleRow | undefined> {
    return this.db
      .selectFrom("roles")
      .selectAll()
      .where("guild_id", "=", guildId)
      .where("id", "=", roleId)
      .executeTakeFirst();
  }

  listByGuild(guildId: string): Promise<RoleRow[]> {
    return this.db
      .selectFrom("roles")
      .selectAll()
      .where("guild_id", "=", guildId)
      .orderBy("position")
      .orderBy("id")
      .execute();
  }

  async update(roleId: string, changes: Updateable<RolesTable>): Promise<void> {
    await this.db.updateTable("roles").set(changes).where("id", "=", roleId).execute();
  }

  async delete(roleId: string): Promise<void> {
    await this.db.deleteFrom("roles").where("id", "=", roleId).execute();
  }
}
