/** Accounts and sessions: registration, login, token rotation, two-factor and recovery. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { CurrentUserSchema, UsernameSchema } from "./users.js";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const EmailSchema = z.email().max(254);

export const TotpCodeSchema = z.string().regex(/^[0-9]{6}$/, "must be a 6-digit code");

export const RecoveryCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4}(-?[A-Za-z0-9]{4}){3}$/, "must be a recovery code like k7m2-qx9f-ht3a-p8wz");

export const DeviceNameSchema = z.string().trim().min(1).max(64);

export const RegisterSchema = z
  .object({
    username: UsernameSchema,
    password: PasswordSchema,
    email: EmailSchema.optional(),
    device_name: DeviceNameSchema.optional(),
  })
  .strict()
  .meta({ id: "Register" });

export const LoginSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    totp_code: z.string().trim().min(1).max(24).optional().describe("A TOTP code or a recovery code"),
    device_name: DeviceNameSchema.optional(),
  })
  .strict()
  .meta({ id: "Login" });

export const RefreshSchema = z
  .object({ refresh_token: z.string().min(1).max(512) })
  .strict()
  .meta({ id: "Refresh" });

export const TokenPairSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().describe("Access token lifetime in seconds"),
  })
  .meta({ id: "TokenPair" });

export const AuthResultSchema = TokenPairSchema.extend({ user: CurrentUserSchema }).meta({
  id: "AuthResult",
});

export const RegisterResultSchema = AuthResultSchema.extend({
  recovery_codes: z.array(z.string()).describe("Shown once: each resets the password or passes 2FA once"),
}).meta({ id: "RegisterResult" });

export const SessionSchema = z
  .object({
    id: SnowflakeSchema,
    device_name: z.string().nullable(),
    created_at: z.string(),
    last_used_at: z.string(),
    ip: z.string().nullable().describe("Only recorded when the server is configured to"),
    current: z.boolean(),
  })
  .meta({ id: "Session" });

export type Session = z.infer<typeof SessionSchema>;

export const SessionListSchema = z.array(SessionSchema).meta({ id: "SessionList" });

export const RevokedSessionsSchema = z
  .object({ revoked: z.number().int().describe("How many sessions were signed out") })
  .meta({ id: "RevokedSessions" });

export const ChangePasswordSchema = z
  .object({ current_password: z.string().min(1).max(PASSWORD_MAX_LENGTH), new_password: PasswordSchema })
  .strict()
  .meta({ id: "ChangePassword" });

export const RecoverAccountSchema = z
  .object({
    username: z.string().min(1).max(64),
    recovery_code: RecoveryCodeSchema,
    new_password: PasswordSchema,
    device_name: DeviceNameSchema.optional(),
  })
  .strict()
  .meta({ id: "RecoverAccount" });

export const PasswordResetRequestSchema = z
  .object({ username: z.string().min(1).max(64).optional(), email: EmailSchema.optional() })
  .strict()
  .refine((body) => (body.username === undefined) !== (body.email === undefined), {
    message: "send either username or email",
    path: ["username"],
  })
  .meta({ id: "PasswordResetRequest" });

export const PasswordResetConfirmSchema = z
  .object({ token: z.string().min(1).max(512), new_password: PasswordSchema })
  .strict()
  .meta({ id: "PasswordResetConfirm" });

export const PasswordResetAcceptedSchema = z
  .object({ message: z.string() })
  .meta({ id: "PasswordResetAccepted", description: "The same answer whether or not an account matched" });

/** Confirms a sensitive change with the account password, plus a second factor when two-factor is on. */
export const PasswordConfirmationSchema = z
  .object({
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    totp_code: z
      .string()
      .trim()
      .min(1)
      .max(24)
      .optional()
      .describe("Required when two-factor is on: TOTP or recovery code"),
  })
  .strict()
  .meta({ id: "PasswordConfirmation" });

export const DeleteAccountSchema = PasswordConfirmationSchema.extend({
  delete_messages: z
    .boolean()
    .default(false)
    .describe("Also delete every message you wrote (otherwise they stay, shown as from a deleted user)"),
})
  .strict()
  .meta({ id: "DeleteAccount" });

export const TotpEnrollmentSchema = z
  .object({ secret: z.string().describe("Base32"), otpauth_uri: z.string() })
  .meta({ id: "TotpEnrollment" });

export const TotpCodeBodySchema = z.object({ code: TotpCodeSchema }).strict().meta({ id: "TotpCode" });

export const TotpDisableSchema = z
  .object({ code: z.string().trim().min(1).max(24).describe("A TOTP code or an unused recovery code") })
  .strict()
  .meta({ id: "TotpDisable" });

export const RecoveryCodesSchema = z
  .object({ recovery_codes: z.array(z.string()).describe("Shown once; replaces every earlier code") })
  .meta({ id: "RecoveryCodes" });
