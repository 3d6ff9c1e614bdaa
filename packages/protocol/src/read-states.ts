/** Read states (what you have read where) and notification settings per guild and channel. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";

export const ReadStateSchema = z
  .object({
    channel_id: SnowflakeSchema,
    last_read_id: SnowflakeSchema.nullable(),
    last_message_id: SnowflakeSchema.nullable(),
    unread: z.boolean().describe("Whether the channel has messages after last_read_id"),
    mention_count: z
      .number()
      .int()
      .describe("Messages after last_read_id that mention you: directly, one of your roles, @everyone or @here"),
    direct_mention_count: z
      .number()
      .int()
      .describe("Of mention_count, the messages that mention you by name (these still count at level nothing)"),
    manual: z
      .literal(true)
      .optional()
      .describe("Set on the answer to a manual ack (Mark Unread) and its READ_STATE_UPDATE: it may move back"),
  })
  .meta({ id: "ReadState" });

export type ReadState = z.infer<typeof ReadStateSchema>;

export const ReadStatesSchema = z.array(ReadStateSchema).meta({ id: "ReadStates" });

export const AckMessageSchema = z
  .object({
    manual: z
      .boolean()
      .optional()
      .describe("Mark Unread: set the read marker exactly, also backwards; the id need not be a message"),
  })
  .strict()
  .meta({ id: "AckMessage" });

export type AckMessage = z.infer<typeof AckMessageSchema>;

export const NOTIFICATION_LEVELS = ["all", "mentions", "nothing"] as const;
export const NotificationLevelSchema = z.enum(NOTIFICATION_LEVELS).meta({ id: "NotificationLevel" });

export const NotificationSettingSchema = z
  .object({
    scope: z.enum(["guild", "channel"]),
    id: SnowflakeSchema.describe("The guild or channel id"),
    level: NotificationLevelSchema.nullable().describe("null inherits (channel from guild; guild defaults to all)"),
    muted_until: z.string().nullable().describe("ISO 8601; muted while in the future"),
  })
  .meta({ id: "NotificationSetting" });

export type NotificationSetting = z.infer<typeof NotificationSettingSchema>;

export const UpdateNotificationSettingSchema = z
  .object({
    level: NotificationLevelSchema.nullable().optional(),
    muted_until: z.iso.datetime().nullable().optional(),
  })
  .strict()
  .meta({ id: "UpdateNotificationSetting" });

export type UpdateNotificationSetting = z.infer<typeof UpdateNotificationSettingSchema>;
