/** Invites: unguessable codes that let someone join a guild, with optional expiry and use limits. */
import { z } from "zod";
import { ChannelTypeSchema } from "./channels.js";
import { SnowflakeSchema } from "./ids.js";
import { PublicUserSchema } from "./users.js";

export const MAX_INVITE_AGE_SECONDS = 7 * 24 * 60 * 60;
export const DEFAULT_INVITE_AGE_SECONDS = 24 * 60 * 60;

export const CreateInviteSchema = z
  .object({
    max_age_seconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_INVITE_AGE_SECONDS)
      .default(DEFAULT_INVITE_AGE_SECONDS)
      .describe("0 never expires"),
    max_uses: z.number().int().min(0).max(100).default(0).describe("0 is unlimited"),
  })
  .strict()
  .meta({ id: "CreateInvite" });

export type CreateInvite = z.infer<typeof CreateInviteSchema>;

export const InviteCodeSchema = z.string().regex(/^[A-Za-z0-9]{8,32}$/, "must be an invite code");

export const InviteGuildSchema = z
  .object({ id: SnowflakeSchema, name: z.string(), icon: z.string().nullable(), description: z.string().nullable() })
  .meta({ id: "InviteGuild" });

export const InviteChannelSchema = z
  .object({ id: SnowflakeSchema, name: z.string(), type: ChannelTypeSchema })
  .meta({ id: "InviteChannel" });

export const InviteSchema = z
  .object({
    code: z.string(),
    guild: InviteGuildSchema,
    channel: InviteChannelSchema,
    inviter: PublicUserSchema.nullable(),
    max_age_seconds: z.number().int(),
    max_uses: z.number().int(),
    uses: z.number().int(),
    created_at: z.string().describe("ISO 8601"),
    expires_at: z.string().nullable().describe("ISO 8601; null never expires"),
  })
  .meta({ id: "Invite" });

export type Invite = z.infer<typeof InviteSchema>;

/** What anyone holding the code sees, signed in or not. */
export const InvitePreviewSchema = z
  .object({
    code: z.string(),
    guild: InviteGuildSchema,
    channel: InviteChannelSchema,
    expires_at: z.string().nullable(),
    approximate_member_count: z.number().int(),
    approximate_presence_count: z.number().int().describe("Members online now"),
  })
  .meta({ id: "InvitePreview" });

export type InvitePreview = z.infer<typeof InvitePreviewSchema>;
