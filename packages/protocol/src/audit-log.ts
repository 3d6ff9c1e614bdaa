/** The audit log: who changed what in a guild, with before/after values and an optional reason. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";

export const AUDIT_LOG_ACTIONS = [
  "guild_update",
  "channel_create",
  "channel_update",
  "channel_delete",
  "channel_overwrite_create",
  "channel_overwrite_update",
  "channel_overwrite_delete",
  "member_kick",
  "member_ban_add",
  "member_ban_remove",
  "member_update",
  "member_role_update",
  "role_create",
  "role_update",
  "role_delete",
  "invite_create",
  "invite_delete",
  "emoji_create",
  "emoji_update",
  "emoji_delete",
] as const;

export const AuditLogActionSchema = z.enum(AUDIT_LOG_ACTIONS).meta({ id: "AuditLogAction" });
export type AuditLogAction = z.infer<typeof AuditLogActionSchema>;

/** Reasons arrive URL-encoded in the X-Audit-Log-Reason header (so any text fits in a header). */
export const AUDIT_LOG_REASON_HEADER = "x-audit-log-reason";
export const AUDIT_LOG_REASON_MAX = 512;

export const AuditLogChangeSchema = z
  .object({
    key: z.string(),
    old_value: z.unknown().optional().describe("Absent when the thing was created"),
    new_value: z.unknown().optional().describe("Absent when the thing was deleted"),
  })
  .meta({ id: "AuditLogChange" });

export type AuditLogChange = z.infer<typeof AuditLogChangeSchema>;

export const AuditLogEntrySchema = z
  .object({
    id: SnowflakeSchema,
    guild_id: SnowflakeSchema,
    user_id: SnowflakeSchema.describe("Who did it"),
    action: AuditLogActionSchema,
    target_id: z.string().nullable().describe("The changed thing: a channel, role, user or invite code"),
    changes: z.array(AuditLogChangeSchema),
    reason: z.string().nullable(),
    created_at: z.string().describe("ISO 8601"),
  })
  .meta({ id: "AuditLogEntry" });

export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>;

export const AuditLogQuerySchema = z.object({
  user_id: SnowflakeSchema.optional(),
  action: AuditLogActionSchema.optional(),
  before: SnowflakeSchema.optional().describe("Entries older than this entry id"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
