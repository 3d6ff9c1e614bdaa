/** SQL for invites. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { InvitesTable } from "../schema.js";

export type InviteRow = Selectable<InvitesTable>;

export class InviteRepository {
  constructor(private readonly db: Db) {}

  async insert(invite: InviteRow): Promise<void> {
    await this.db.insertInto("invites").values(invite).execute();
  }

  findByCode(code: string): Promise<InviteRow | undefined> {
    return this.db.selectFrom("invites").selectAll().where("code", "=", code).executeTakeFirst();
  }

  /** The guild's invites still usable at `now` (expired and used-up ones are kept but no longer listed). */
  listByGuild(guildId: string, now: number): Promise<InviteRow[]> {
    return this.usableAt(now).where("guild_id", "=", guildId).orderBy("created_at").orderBy("code").execute();
  }

  /** The channel's invites: all of them, or with `now` only those still usable then. */
  listByChannel(channelId: string, now?: number): Promise<InviteRow[]> {
    const query = now === undefined ? this.db.selectFrom("invites").selectAll() : this.usableAt(now);
    return query.where("channel_id", "=", channelId).orderBy("created_at").orderBy("code").execute();
  }

  private usableAt(now: number) {
    return this.db
      .selectFrom("invites")
      .selectAll()
      .where((eb) => eb.or([eb("max_uses", "=", 0), eb("uses", "<", eb.ref("max_uses"))]))
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]));
  }

  /** Counts one use if the invite is still valid at `now`; false if it expired, ran out or is gone. */
  async claimUse(code: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("invites")
      .set((eb) => ({ uses: eb("uses", "+", 1) }))
      .where("code", "=", code)
      .where((eb) => eb.or([eb("max_uses", "=", 0), eb("uses", "<", eb.ref("max_uses"))]))
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(code: string): Promise<boolean> {
    const result = await this.db.deleteFrom("invites").where("code", "=", code).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
