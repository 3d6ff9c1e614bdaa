/** Users: the account owner's view and the public profile everyone else sees. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";

export const USERNAME_PATTERN = /^(?!.*\.\.)[A-Za-z0-9_.]{2,32}$/;

export const UsernameSchema = z
  .string()
  .regex(USERNAME_PATTERN, "must be 2-32 characters of letters, digits, '_' and '.', without two dots in a row");

const TrimmedText = (max: number) => z.string().trim().max(max);

export const AccentColorSchema = z.number().int().min(0).max(0xffffff);

export const PublicUserSchema = z
  .object({
    id: SnowflakeSchema,
    username: z.string(),
    display_name: z.string().nullable(),
    avatar: z.string().nullable().describe("Hash of the avatar: /media/avatars/{user id}/{hash}?size=128|512"),
    bio: z.string().nullable(),
    pronouns: z.string().nullable(),
    accent_color: z.number().nullable(),
    bot: z.boolean(),
    created_at: z.string().describe("ISO 8601"),
  })
  .meta({ id: "PublicUser" });

export const CurrentUserSchema = PublicUserSchema.extend({
  email: z.string().nullable(),
  totp_enabled: z.boolean(),
}).meta({ id: "CurrentUser" });

export type PublicUser = z.infer<typeof PublicUserSchema>;
export type CurrentUser = z.infer<typeof CurrentUserSchema>;

export const UpdateCurrentUserSchema = z
  .object({
    display_name: TrimmedText(32).min(1).nullable().optional(),
    bio: TrimmedText(190).nullable().optional(),
    pronouns: TrimmedText(40).nullable().optional(),
    accent_color: AccentColorSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: "UpdateCurrentUser" });

export type UpdateCurrentUser = z.infer<typeof UpdateCurrentUserSchema>;
