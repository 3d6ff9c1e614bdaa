/** The one catalogue of error codes on the wire, with the HTTP status each maps to. */
import { z } from "zod";

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNKNOWN_EMOJI: 400,
  MAX_PINS_REACHED: 400,
  MAX_EMOJIS_REACHED: 400,
  MAX_GROUP_DM_MEMBERS: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WEAK_PASSWORD: 400,
  INVALID_TOTP_CODE: 400,
  TOTP_ALREADY_ENABLED: 409,
  TOTP_NOT_ENABLED: 409,
  TOTP_NOT_ENROLLED: 409,
  INVALID_RESET_TOKEN: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  INVALID_RECOVERY_CODE: 401,
  INCORRECT_PASSWORD: 403,
  MISSING_PERMISSION: 403,
  FORBIDDEN: 403,
  BANNED: 403,
  OWNER_ONLY: 403,
  ROLE_HIERARCHY: 403,
  NOT_FOUND: 404,
  UNKNOWN_USER: 404,
  UNKNOWN_SESSION: 404,
  UNKNOWN_GUILD: 404,
  UNKNOWN_CHANNEL: 404,
  UNKNOWN_ROLE: 404,
  UNKNOWN_MEMBER: 404,
  UNKNOWN_BAN: 404,
  UNKNOWN_INVITE: 404,
  EMAIL_UNAVAILABLE: 404,
  CANNOT_MESSAGE_USER: 403,
  THREAD_LOCKED: 403,
  UNKNOWN_MESSAGE: 404,
  METHOD_NOT_ALLOWED: 405,
  USERNAME_TAKEN: 409,
  CONFLICT: 409,
  OWNER_CANNOT_LEAVE: 409,
  OWNS_GUILDS: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  UPSTREAM_FAILED: 502,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe("Stable SNAKE_CASE code, e.g. VALIDATION_FAILED"),
      message: z.string().describe("A human sentence explaining the error"),
      fields: z.record(z.string(), z.string()).optional().describe("Per-field problems, keyed by dotted path"),
      retry_after: z.number().optional().describe("Seconds to wait before retrying (429 only)"),
      permission: z.string().optional().describe("The missing permission (403 MISSING_PERMISSION only)"),
    }),
  })
  .meta({ id: "Error" });

export type ErrorBody = z.infer<typeof ErrorBodySchema>;
