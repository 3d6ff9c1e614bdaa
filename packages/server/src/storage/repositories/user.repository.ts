/** SQL for users. */
import type { Selectable, Updateable } from "kysely";
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

  async usernameKeyTaken(key: string): Promise<boolean> {
    const row = await this.db.selectFrom("users").select("id").where("username_key", "=", key).executeTakeFirst();
    return row !== undefined;
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
}
