/** Builds audit log entries: who did what to which target, with the before/after of each changed field. */
import type { AuditLogAction, AuditLogChange } from "@nexus/protocol";
import type { SnowflakeGenerator } from "../../ids/snowflake.js";
import type { AuditLogRow } from "../../storage/repositories/audit-log.repository.js";

/** Who is acting and why (the X-Audit-Log-Reason header), passed from the transport to every mutation. */
export interface Actor {
  userId: string;
  reason?: string;
}

/** The fields whose value differs between `before` and `after` (compared as JSON). */
export function diffChanges<T extends object>(
  before: T,
  after: T,
  keys?: readonly (keyof T & string)[],
): AuditLogChange[] {
  const changes: AuditLogChange[] = [];
  for (const key of keys ?? (Object.keys(after) as (keyof T & string)[])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes.push({ key, old_value: before[key], new_value: after[key] });
    }
  }
  return changes;
}

/** Every field of something created (no old values). */
export const createdChanges = (created: object): AuditLogChange[] =>
  Object.entries(created).map(([key, new_value]) => ({ key, new_value }));

/** Every field of something deleted (no new values). */
export const deletedChanges = (deleted: object): AuditLogChange[] =>
  Object.entries(deleted).map(([key, old_value]) => ({ key, old_value }));

export interface AuditEntryInput {
  guildId: string;
  actor: Actor;
  action: AuditLogAction;
  targetId: string | null;
  changes?: AuditLogChange[];
  now: number;
}

export function auditEntry(ids: SnowflakeGenerator, input: AuditEntryInput): AuditLogRow {
  return {
    id: ids.next(),
    guild_id: input.guildId,
    actor_id: input.actor.userId,
    action: input.action,
    target_id: input.targetId,
    changes: JSON.stringify(input.changes ?? []),
    reason: input.actor.reason ?? null,
    created_at: input.now,
  };
}
