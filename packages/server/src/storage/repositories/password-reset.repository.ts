/** SQL for one-time password-reset tokens (stored as hashes). */
import type { Db } from "../database.js";

export class PasswordResetRepository {
  constructor(private readonly db: Db) {}

  async insert(token: { token_hash: string; user_id: string; created_at: number; expires_at: number }): Promise<void> {
    await this.db.insertInto("password_reset_tokens").values(token).execute();
  }

  /** The user an unexpired token belongs to, without spending it. */
  async findUser(tokenHash: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("password_reset_tokens")
      .select("user_id")
      .where("token_hash", "=", tokenHash)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return row?.user_id;
  }

  /** Spends a token: deletes it and returns its user when it existed and had not expired. */
  async consume(tokenHash: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .deleteFrom("password_reset_tokens")
      .where("token_hash", "=", tokenHash)
      .returning(["user_id", "expires_at"])
      .executeTakeFirst();
    return row && row.expires_at > now ? row.user_id : undefined;
  }

  /** Forgets every outstanding token of the user (after any password change, so old links die). */
  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom("password_reset_tokens").where("user_id", "=", userId).execute();
  }
}
