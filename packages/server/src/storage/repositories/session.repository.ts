/** SQL for sessions and their rotating refresh tokens. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { SessionsTable } from "../schema.js";

export type SessionRow = Selectable<SessionsTable>;

export type RefreshTokenLookup =
  | { state: "unknown" }
  | { state: "reused"; sessionId: string }
  | { state: "valid"; session: SessionRow };

export class SessionRepository {
  constructor(private readonly db: Db) {}

  async create(session: SessionRow, tokenHash: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("sessions").values(session).execute();
      await trx
        .insertInto("refresh_tokens")
        .values({ token_hash: tokenHash, session_id: session.id, created_at: session.created_at, used_at: null })
        .execute();
    });
  }

  findById(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Sessions that can still be refreshed, most recently used first. */
  listActiveForUser(userId: string, now: number): Promise<SessionRow[]> {
    return this.db
      .selectFrom("sessions")
      .selectAll()
      .where("user_id", "=", userId)
      .where("expires_at", ">", now)
      .orderBy("last_used_at", "desc")
      .orderBy("id", "desc")
      .execute();
  }

  /**
   * Spends a refresh token and stores its successor in one transaction. A token that was already spent means it
   * was copied: the caller revokes the whole session.
   */
  async rotate(
    oldHash: string,
    newHash: string,
    now: number,
    extend: { expiresAt: number; ip: string | null },
  ): Promise<RefreshTokenLookup> {
    return this.db.transaction().execute(async (trx) => {
      const token = await trx
        .selectFrom("refresh_tokens")
        .selectAll()
        .where("token_hash", "=", oldHash)
        .executeTakeFirst();
      if (!token) return { state: "unknown" } as const;
      if (token.used_at !== null) return { state: "reused", sessionId: token.session_id } as const;
      const session = await trx
        .selectFrom("sessions")
        .selectAll()
        .where("id", "=", token.session_id)
        .executeTakeFirst();
      if (!session || session.expires_at <= now) return { state: "unknown" } as const;
      const spent = await trx
        .updateTable("refresh_tokens")
        .set({ used_at: now })
        .where("token_hash", "=", oldHash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      if (spent.numUpdatedRows === 0n) return { state: "reused", sessionId: token.session_id } as const;
      await trx
        .insertInto("refresh_tokens")
        .values({ token_hash: newHash, session_id: session.id, created_at: now, used_at: null })
        .execute();
      await trx
        .updateTable("sessions")
        .set({ last_used_at: now, expires_at: extend.expiresAt, ip: extend.ip })
        .where("id", "=", session.id)
        .execute();
      return { state: "valid", session: { ...session, last_used_at: now, expires_at: extend.expiresAt } } as const;
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", id).execute();
  }

  /** Deletes one session if it belongs to the user; false when there is no such session of theirs. */
  async deleteOwned(userId: string, sessionId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("sessions")
      .where("id", "=", sessionId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Deletes every session of the user (but one, if given); returns how many ended. */
  async deleteForUser(userId: string, exceptSessionId?: string): Promise<number> {
    let query = this.db.deleteFrom("sessions").where("user_id", "=", userId);
    if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
