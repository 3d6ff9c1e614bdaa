/** SQL for guild members and their role assignments. */
import type { Selectable, Updateable } from "kysely";
import type { Db } from "../database.js";
import type { MembersTable } from "../schema.js";
import type { UserRow } from "./user.repository.js";

export type MemberRow = Selectable<MembersTable>;

/** A member with the user it is and its role ids (@everyone excluded). */
export interface MemberWithUser {
  member: MemberRow;
  user: UserRow;
  role_ids: string[];
}

export class MemberRepository {
  constructor(private readonly db: Db) {}

  async insert(member: MemberRow): Promise<void> {
    await this.db.insertInto("members").values(member).execute();
  }

  find(guildId: string, userId: string): Promise<MemberRow | undefined> {
    return this.db
      .selectFrom("members")
      .selectAll()
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
  }

  async findWithUser(guildId: string, userId: string): Promise<MemberWithUser | undefined> {
    const [found] = await this.list(guildId, { userIds: [userId], limit: 1 });
    return found;
  }

  /** Members ordered by user id, with users and roles in two more queries (never one per member). */
  async list(
    guildId: string,
    options: { after?: string; limit: number; userIds?: string[] },
  ): Promise<MemberWithUser[]> {
    let query = this.db
      .selectFrom("members")
      .innerJoin("users", "users.id", "members.user_id")
      .selectAll("users")
      .select(["members.nickname", "members.joined_at", "members.timeout_until"])
      .where("members.guild_id", "=", guildId)
      .orderBy("members.user_id")
      .limit(options.limit);
    if (options.after) query = query.where("members.user_id", ">", options.after);
    if (options.userIds) query = query.where("members.user_id", "in", options.userIds);
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const roles = await this.roleIdsFor(
      guildId,
      rows.map((r) => r.id),
    );
    return rows.map(({ nickname, joined_at, timeout_until, ...user }) => ({
      member: { guild_id: guildId, user_id: user.id, nickname, joined_at, timeout_until },
      user,
      role_ids: roles.get(user.id) ?? [],
    }));
  }

  /** Role ids per user for some members of a guild, or for all members when `userIds` is omitted. */
  async roleIdsFor(guildId: string, userIds?: string[]): Promise<Map<string, string[]>> {
    let query = this.db
      .selectFrom("member_roles")
      .select(["user_id", "role_id"])
      .where("guild_id", "=", guildId)
      .orderBy("user_id")
      .orderBy("role_id");
    if (userIds) query = query.where("user_id", "in", userIds);
    const byUser = new Map<string, string[]>();
    for (const row of await query.execute()) {
      const list = byUser.get(row.user_id);
      if (list) list.push(row.role_id);
      else byUser.set(row.user_id, [row.role_id]);
    }
    return byUser;
  }

  /** Every member's id and timeout (for permission audiences). */
  listAccessRows(guildId: string): Promise<Pick<MemberRow, "user_id" | "timeout_until">[]> {
    return this.db
      .selectFrom("members")
      .select(["user_id", "timeout_until"])
      .where("guild_id", "=", guildId)
      .orderBy("user_id")
      .execute();
  }

  async count(guildId: string): Promise<number> {
    const row = await this.db
      .selectFrom("members")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("guild_id", "=", guildId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Members whose timeout ended at or before `now`, oldest first. */
  expiredTimeouts(now: number, limit: number): Promise<Pick<MemberRow, "guild_id" | "user_id" | "timeout_until">[]> {
    return this.db
      .selectFrom("members")
      .select(["guild_id", "user_id", "timeout_until"])
      .where("timeout_until", "<=", now)
      .orderBy("timeout_until")
      .limit(limit)
      .execute();
  }

  /** When the next timeout still running ends, if any. */
  async nextTimeoutEnd(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("members")
      .select((eb) => eb.fn.min("timeout_until").as("next"))
      .where("timeout_until", "is not", null)
      .executeTakeFirst();
    return row?.next == null ? undefined : Number(row.next);
  }

  /**
   * Clears a timeout only if it is still the one that ended (`until`): a compare-and-set, so when several nodes
   * race to expire it exactly one of them sees true (and announces it), and a timeout re-set meanwhile survives.
   */
  async clearTimeout(guildId: string, userId: string, until: number): Promise<boolean> {
    const result = await this.db
      .updateTable("members")
      .set({ timeout_until: null })
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .where("timeout_until", "=", until)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async update(guildId: string, userId: string, changes: Updateable<MembersTable>): Promise<void> {
    await this.db
      .updateTable("members")
      .set(changes)
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .execute();
  }

  async delete(guildId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("members")
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async addRoles(guildId: string, userId: string, roleIds: string[]): Promise<void> {
    if (roleIds.length === 0) return;
    await this.db
      .insertInto("member_roles")
      .values(roleIds.map((role_id) => ({ guild_id: guildId, user_id: userId, role_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async removeRoles(guildId: string, userId: string, roleIds: string[]): Promise<void> {
    if (roleIds.length === 0) return;
    await this.db
      .deleteFrom("member_roles")
      .where("guild_id", "=", guildId)
      .where("user_id", "=", userId)
      .where("role_id", "in", roleIds)
      .execute();
  }

  /** Users holding a role (to announce member updates when the role is deleted). */
  async userIdsWithRole(roleId: string): Promise<string[]> {
    const rows = await this.db.selectFrom("member_roles").select("user_id").where("role_id", "=", roleId).execute();
    return rows.map((r) => r.user_id);
  }
}
