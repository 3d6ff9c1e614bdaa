/** SQL for friendships, friend requests, blocks and the DM privacy setting. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { RelationshipsTable } from "../schema.js";

export type RelationshipRow = Selectable<RelationshipsTable>;

export class RelationshipRepository {
  constructor(private readonly db: Db) {}

  listFor(userId: string): Promise<RelationshipRow[]> {
    return this.db.selectFrom("relationships").selectAll().where("user_id", "=", userId).orderBy("target_id").execute();
  }

  /** Ids of the user's accepted friends (the friendship has a row each way, so one side suffices). */
  async friendIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("relationships")
      .select("target_id")
      .where("user_id", "=", userId)
      .where("type", "=", "friend")
      .execute();
    return rows.map((row) => row.target_id);
  }

  /** Both directions of a pair: [a's view of b, b's view of a]. */
  async pair(a: string, b: string): Promise<[RelationshipRow | undefined, RelationshipRow | undefined]> {
    const rows = await this.db
      .selectFrom("relationships")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb("user_id", "=", a), eb("target_id", "=", b)]),
          eb.and([eb("user_id", "=", b), eb("target_id", "=", a)]),
        ]),
      )
      .execute();
    return [rows.find((r) => r.user_id === a), rows.find((r) => r.user_id === b)];
  }

  /** Whether either user of any pair (`userId`, one of `others`) blocked the other. */
  async anyBlocked(userId: string, others: string[]): Promise<boolean> {
    if (others.length === 0) return false;
    const row = await this.db
      .selectFrom("relationships")
      .select("user_id")
      .where("type", "=", "blocked")
      .where((eb) =>
        eb.or([
          eb.and([eb("user_id", "=", userId), eb("target_id", "in", others)]),
          eb.and([eb("user_id", "in", others), eb("target_id", "=", userId)]),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  async set(userId: string, targetId: string, type: string, now: number): Promise<void> {
    await this.db
      .insertInto("relationships")
      .values({ user_id: userId, target_id: targetId, type, created_at: now })
      .onConflict((oc) => oc.columns(["user_id", "target_id"]).doUpdateSet({ type, created_at: now }))
      .execute();
  }

  async remove(userId: string, targetId: string): Promise<void> {
    await this.db.deleteFrom("relationships").where("user_id", "=", userId).where("target_id", "=", targetId).execute();
  }

  async dmPrivacy(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("messaging_settings")
      .select(["user_id", "dm_privacy"])
      .where("user_id", "in", userIds)
      .execute();
    return new Map(rows.map((r) => [r.user_id, r.dm_privacy]));
  }

  async setDmPrivacy(userId: string, dmPrivacy: string): Promise<void> {
    await this.db
      .insertInto("messaging_settings")
      .values({ user_id: userId, dm_privacy: dmPrivacy })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ dm_privacy: dmPrivacy }))
      .execute();
  }
}
