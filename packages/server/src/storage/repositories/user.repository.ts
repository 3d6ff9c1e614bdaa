/** SQL for users. */
import { type Selectable, sql, type Updateable } from "kysely";
import type { Db } from "../database.js";
import type { UsersTable } from "../schema.js";

export type UserRow = Selectable<UsersTable>;
export type NewUser = Pick<UserRow, "id" | "username" | "username_key" | "password_hash" | "email" | "created_at">;

export class UserRepository {
  constructor(private readonly db: Db) {}

  async insert(user: NewUser): Promise<void> {
    await this.db.insertInto("users").values(user).execute();
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
  }

  findByUsernameKey(key: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom("users")
      .selectAll()
      .where("username_key", "=", key)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
  }

  /** Live accounts with this email, compared without case; emails are not unique, so a few may match. */
  findByEmail(email: string, limit: number): Promise<UserRow[]> {
    return this.db
      .selectFrom("users")
      .selectAll()
      .where(sql<string>`lower(email)`, "=", email.toLowerCase())
      .where("deleted_at", "is", null)
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  async usernameKeyTaken(key: string): Promise<boolean> {
    const row = await this.db.selectFrom("users").select("id").where("username_key", "=", key).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Locks the user's row until the transaction ends (a no-op write: PostgreSQL takes a row lock, SQLite already
   * serializes writers), so concurrent joins of one user are counted one after another.
   */
  async lockForMembershipChange(id: string): Promise<void> {
    await this.db
      .updateTable("users")
      .set((eb) => ({ id: eb.ref("id") }))
      .where("id", "=", id)
      .execute();
  }

  async update(id: string, changes: Updateable<UsersTable>): Promise<void> {
    await this.db.updateTable("users").set(changes).where("id", "=", id).execute();
  }

  /** Compare-and-set on the last accepted TOTP time step, so one code can never be used twice. */
  async claimTotpStep(id: string, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable("users")
      .set({ totp_last_step: step })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Erases an account in one transaction: the row stays (other people's data may point at it) but keeps only its
   * id, a tombstone name and its creation time; sessions, recovery codes and reset tokens are deleted.
   */
  async erase(id: string, tombstone: { username: string; username_key: string }, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("users")
        .set({
          ...tombstone,
          password_hash: "",
          email: null,
          display_name: null,
          avatar: null,
          bio: null,
          pronouns: null,
          accent_color: null,
          totp_secret: null,
          totp_enabled: 0,
          totp_last_step: null,
          deleted_at: now,
        })
        .where("id", "=", id)
        .execute();
      await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
      await trx.deleteFrom("recovery_codes").where("user_id", "=", id).execute();
      await trx.deleteFrom("password_reset_tokens").where("user_id", "=", id).execute();
    });
  }
}
