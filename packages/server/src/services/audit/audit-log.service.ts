/** Reading the audit log: newest first, filtered by actor and action, paged with `before`. */
import type { AuditLogAction, AuditLogEntry } from "@nexus/protocol";
import type { AccessService } from "../../access/access.service.js";
import type { AuditLogRepository } from "../../storage/repositories/audit-log.repository.js";

export interface AuditLogQuery {
  user_id?: string;
  action?: AuditLogAction;
  before?: string;
  limit: number;
}

export class AuditLogService {
  constructor(
    private readonly access: AccessService,
    private readonly entries: AuditLogRepository,
  ) {}

  /** VIEW_AUDIT_LOG. */
  async list(userId: string, guildId: string, query: AuditLogQuery): Promise<AuditLogEntry[]> {
    await this.access.require(guildId, userId, "VIEW_AUDIT_LOG");
    const rows = await this.entries.list(guildId, {
      actorId: query.user_id,
      action: query.action,
      before: query.before,
      limit: query.limit,
    });
    return rows.map((row) => ({
      id: row.id,
      guild_id: row.guild_id,
      user_id: row.actor_id,
      action: row.action as AuditLogAction,
      target_id: row.target_id,
      changes: JSON.parse(row.changes),
      reason: row.reason,
      created_at: new Date(row.created_at).toISOString(),
    }));
  }
}
