/** SQL for the audit log. */
import type { Selectable } from "kysely";
import type { Db } from "../database.js";
import type { AuditLogEntriesTable } from "../schema.js";

export type AuditLogRow = Selectable<AuditLogEntriesTable>;

export interface AuditLogFilter {
  actorId?: string;
  action?: string;
  before?: string;
  limit: number;
}

export class AuditLogRepository {
  constructor(private readonly db: Db) {}

  async insert(entry: AuditLogRow): Promise<void> {
    await this.db.insertInto("audit_log_entries").values(entry).execute();
  }

  /** Newest first, served by the (guild_id, id) index. */
  list(guildId: string, filter: AuditLogFilter): Promise<AuditLogRow[]> {
    let query = this.db
      .selectFrom("audit_log_entries")
      .selectAll()
      .where("guild_id", "=", guildId)
      .orderBy("id", "desc")
      .limit(filter.limit);
    if (filter.actorId) query = query.where("actor_id", "=", filter.actorId);
    if (filter.action) query = query.where("action", "=", filter.action);
    if (filter.before) query = query.where("id", "<", filter.before);
    return query.execute();
  }
}
