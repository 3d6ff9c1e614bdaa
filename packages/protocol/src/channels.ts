/** Guild channels and their permission overwrites. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { PermissionBitsSchema } from "./permissions.js";

export const CHANNEL_TYPES = ["text", "voice", "category", "announcement", "forum"] as const;
export const ChannelTypeSchema = z.enum(CHANNEL_TYPES).meta({ id: "ChannelType" });
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

export const CHANNEL_NAME_MAX = 100;
export const CHANNEL_TOPIC_MAX = 1024;
export const MAX_CHANNELS_PER_GUILD = 500;
export const MAX_SLOWMODE_SECONDS = 21_600;
export const DEFAULT_BITRATE = 64_000;

export const OverwriteTypeSchema = z.enum(["role", "member"]);

export const PermissionOverwriteSchema = z
  .object({
    id: SnowflakeSchema.describe("A role id (the guild id for @everyone) or a user id"),
    type: OverwriteTypeSchema,
    allow: PermissionBitsSchema,
    deny: PermissionBitsSchema,
  })
  .meta({ id: "PermissionOverwrite" });

export type PermissionOverwrite = z.infer<typeof PermissionOverwriteSchema>;

export const ChannelSchema = z
  .object({
    id: SnowflakeSchema,
    guild_id: SnowflakeSchema,
    type: ChannelTypeSchema,
    name: z.string(),
    topic: z.string().nullable(),
    position: z.number().int(),
    parent_id: SnowflakeSchema.nullable().describe("The category this channel sits in"),
    nsfw: z.boolean(),
    slowmode_seconds: z.number().int(),
    bitrate: z.number().int().nullable().describe("Voice only"),
    user_limit: z.number().int().nullable().describe("Voice only; 0 is unlimited"),
    permission_overwrites: z.array(PermissionOverwriteSchema),
  })
  .meta({ id: "Channel" });

export type Channel = z.infer<typeof ChannelSchema>;

const ChannelName = z.string().trim().min(1).max(CHANNEL_NAME_MAX);
const Topic = z.string().trim().max(CHANNEL_TOPIC_MAX).nullable();
const Position = z.number().int().min(0).max(100_000);
const Slowmode = z.number().int().min(0).max(MAX_SLOWMODE_SECONDS);
const Bitrate = z.number().int().min(8_000).max(384_000);
const UserLimit = z.number().int().min(0).max(99);

export const OverwriteInputSchema = z
  .object({ id: SnowflakeSchema, type: OverwriteTypeSchema, allow: PermissionBitsSchema, deny: PermissionBitsSchema })
  .strict();

export const CreateChannelSchema = z
  .object({
    name: ChannelName,
    type: ChannelTypeSchema.default("text"),
    topic: Topic.optional(),
    position: Position.optional(),
    parent_id: SnowflakeSchema.nullable().optional(),
    nsfw: z.boolean().optional(),
    slowmode_seconds: Slowmode.optional(),
    bitrate: Bitrate.optional(),
    user_limit: UserLimit.optional(),
    permission_overwrites: z
      .array(OverwriteInputSchema)
      .max(100)
      .optional()
      .describe("Defaults to the category's overwrites when parent_id is set"),
  })
  .strict()
  .meta({ id: "CreateChannel" });

export type CreateChannel = z.infer<typeof CreateChannelSchema>;

export const UpdateChannelSchema = z
  .object({
    name: ChannelName.optional(),
    type: z.enum(["text", "announcement"]).optional().describe("Only text and announcement convert into each other"),
    topic: Topic.optional(),
    position: Position.optional(),
    parent_id: SnowflakeSchema.nullable().optional(),
    nsfw: z.boolean().optional(),
    slowmode_seconds: Slowmode.optional(),
    bitrate: Bitrate.optional(),
    user_limit: UserLimit.optional(),
    lock_permissions: z.boolean().optional().describe("true: replace the overwrites with the category's (sync)"),
  })
  .strict()
  .meta({ id: "UpdateChannel" });

export type UpdateChannel = z.infer<typeof UpdateChannelSchema>;

export const ChannelPositionsSchema = z
  .array(
    z
      .object({
        id: SnowflakeSchema,
        position: Position,
        parent_id: SnowflakeSchema.nullable().optional(),
        lock_permissions: z.boolean().optional(),
      })
      .strict(),
  )
  .min(1)
  .max(MAX_CHANNELS_PER_GUILD)
  .meta({ id: "ChannelPositions" });

export type ChannelPositions = z.infer<typeof ChannelPositionsSchema>;

export const PutOverwriteSchema = z
  .object({
    type: OverwriteTypeSchema,
    allow: PermissionBitsSchema.default("0"),
    deny: PermissionBitsSchema.default("0"),
  })
  .strict()
  .meta({ id: "PutPermissionOverwrite" });

export type PutOverwrite = z.infer<typeof PutOverwriteSchema>;
