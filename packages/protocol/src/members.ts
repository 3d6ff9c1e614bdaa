/** Guild members and bans. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { PublicUserSchema } from "./users.js";

export const NICKNAME_MAX = 32;
/** The longest timeout a moderator may give. */
export const MAX_TIMEOUT_MS = 28 * 24 * 60 * 60 * 1000;
export const MAX_DELETE_MESSAGE_SECONDS = 7 * 24 * 60 * 60;
export const BAN_REASON_MAX = 512;

export const MemberSchema = z
  .object({
    guild_id: SnowflakeSchema,
    user: PublicUserSchema,
    nickname: z.string().nullable(),
    roles: z.array(SnowflakeSchema).describe("Role ids, @everyone not included"),
    joined_at: z.string().describe("ISO 8601"),
    timeout_until: z.string().nullable().describe("ISO 8601; the member may only view and read history until then"),
  })
  .meta({ id: "Member" });

export type Member = z.infer<typeof MemberSchema>;

export const ListMembersQuerySchema = z.object({
  after: SnowflakeSchema.optional().describe("Return members whose user id is greater than this"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const UpdateMemberSchema = z
  .object({
    nickname: z.string().trim().max(NICKNAME_MAX).nullable().optional().describe("null or empty clears it"),
    roles: z.array(SnowflakeSchema).max(250).optional().describe("The full new set of role ids"),
    timeout_until: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .describe("ISO 8601, at most 28 days ahead; null lifts the timeout"),
  })
  .strict()
  .meta({ id: "UpdateMember" });

export type UpdateMember = z.infer<typeof UpdateMemberSchema>;

export const BanSchema = z
  .object({
    guild_id: SnowflakeSchema,
    user: PublicUserSchema,
    reason: z.string().nullable(),
    delete_message_seconds: z
      .number()
      .int()
      .describe("The banned user's messages from this many seconds before the ban are to be deleted"),
    created_at: z.string().describe("ISO 8601"),
  })
  .meta({ id: "Ban" });

export type Ban = z.infer<typeof BanSchema>;

export const CreateBanSchema = z
  .object({
    reason: z.string().trim().max(BAN_REASON_MAX).optional(),
    delete_message_seconds: z.number().int().min(0).max(MAX_DELETE_MESSAGE_SECONDS).default(0),
  })
  .strict()
  .meta({ id: "CreateBan" });

export type CreateBan = z.infer<typeof CreateBanSchema>;

export const ListBansQuerySchema = z.object({
  after: SnowflakeSchema.optional().describe("Return bans whose user id is greater than this"),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
});
