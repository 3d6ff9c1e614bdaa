/** SQL for one-time recovery codes (stored as hashes). */
import type { Db } from "../database.js";

export class RecoveryCodeRepository {
  constructor(private readonly db: Db) {}

  /** Replaces every code of a user with a fresh set. */
  async replace(userId: string, codeHashes: string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
      if (codeHashes.length === 0) return;
      await trx
        .insertInto("recovery_codes")
        .values(codeHashes.map((code_hash) => ({ code_hash, user_id: userId, used_at: null })))
        .execute();
    });
  }

  /** Marks a code used; false when it does not exist, belongs to someone else or was used before. */
  async consume(userId: string, codeHash: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("recovery_codes")
      .set({ used_at: now })
      .where("code_hash", "=", codeHash)
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async countUnused(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom("recovery_codes")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
