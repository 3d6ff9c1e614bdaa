/** Batched user reads for presenting many messages, relationships or recipients with one query. */
import type { Db } from "../database.js";
import type { UserRow } from "./user.repository.js";

export class UserLookupRepository {
  constructor(private readonly db: Db) {}

  /** Live (not deleted) users among `ids`, keyed by id. */
  async findByIds(ids: Iterable<string>): Promise<Map<string, UserRow>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("users")
      .selectAll()
      .where("id", "in", unique)
      .where("deleted_at", "is", null)
      .execute();
    return new Map(rows.map((row) => [row.id, row]));
  }
}
