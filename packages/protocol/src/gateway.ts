/**
 * The gateway wire contract: JSON text frames {op, d, s?, t?} over a WebSocket at GET /gateway. Ops, close codes,
 * limits, intents and the payloads the gateway itself defines (hello, identify, resume, READY, presence, typing).
 * The full prose description lives in docs/protocol/gateway.md.
 */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { CurrentUserSchema } from "./users.js";

/** Limits every server enforces; clients should stay under them. */
export const GATEWAY_LIMITS = {
  /** Largest inbound frame (after decompression); larger closes the connection with 1009. */
  maxInboundFrameBytes: 16 * 1024,
  /** Inbound frames allowed per window (heartbeats included); one more closes with 4008. */
  framesPerWindow: 120,
  frameWindowMs: 60_000,
  /** Presences included in READY, at most. */
  readyPresences: 1_000,
  /** How long a TYPING_START lasts on clients unless renewed. */
  typingDurationMs: 10_000,
  /** Custom status text length. */
  customStatusText: 128,
} as const;

export const GatewayCloseCodes = {
  UNKNOWN_ERROR: 4000,
  UNKNOWN_OP: 4001,
  DECODE_ERROR: 4002,
  NOT_AUTHENTICATED: 4003,
  AUTHENTICATION_FAILED: 4004,
  ALREADY_AUTHENTICATED: 4005,
  INVALID_SEQ: 4007,
  RATE_LIMITED: 4008,
  SESSION_TIMED_OUT: 4009,
  INVALID_INTENTS: 4010,
  TOO_SLOW: 4011,
} as const;

export type GatewayCloseCode = (typeof GatewayCloseCodes)[keyof typeof GatewayCloseCodes];

/** After these the session is gone: reconnect with identify, not resume (or fix the request first). */
export const NON_RESUMABLE_CLOSE_CODES: ReadonlySet<number> = new Set([
  GatewayCloseCodes.AUTHENTICATION_FAILED,
  GatewayCloseCodes.ALREADY_AUTHENTICATED,
  GatewayCloseCodes.INVALID_INTENTS,
]);

/**
 * Intents let a client opt out of event families it does not need (a bot that only reads messages). Omitting
 * `intents` in identify subscribes to all. Events about the account itself (READY, RESUMED, USER_UPDATE,
 * READ_STATE_UPDATE, RELATIONSHIP_*, user settings) are always delivered.
 */
export const GATEWAY_INTENTS = {
  GUILDS: [
    "GUILD_CREATE",
    "GUILD_UPDATE",
    "GUILD_DELETE",
    "GUILD_ROLE_CREATE",
    "GUILD_ROLE_UPDATE",
    "GUILD_ROLE_DELETE",
    "CHANNEL_CREATE",
    "CHANNEL_UPDATE",
    "CHANNEL_DELETE",
    "CHANNEL_PINS_UPDATE",
    "THREAD_CREATE",
    "THREAD_UPDATE",
    "THREAD_DELETE",
    "THREAD_MEMBERS_UPDATE",
  ],
  GUILD_MEMBERS: ["GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE"],
  GUILD_MODERATION: ["GUILD_BAN_ADD", "GUILD_BAN_REMOVE"],
  GUILD_INVITES: ["INVITE_CREATE", "INVITE_DELETE"],
  GUILD_EMOJIS: ["GUILD_EMOJIS_UPDATE"],
  PRESENCES: ["PRESENCE_UPDATE"],
  MESSAGES: ["MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK"],
  MESSAGE_REACTIONS: ["MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE_ALL"],
  TYPING: ["TYPING_START"],
} as const satisfies Record<string, readonly string[]>;

export type GatewayIntent = keyof typeof GATEWAY_INTENTS;
export const GATEWAY_INTENT_NAMES = Object.keys(GATEWAY_INTENTS) as GatewayIntent[];

/** The intent a dispatch belongs to, or undefined when every session receives it. */
export function intentOf(dispatch: string): GatewayIntent | undefined {
  return DISPATCH_INTENT.get(dispatch);
}

const DISPATCH_INTENT = new Map<string, GatewayIntent>(
  GATEWAY_INTENT_NAMES.flatMap((intent) => GATEWAY_INTENTS[intent].map((t) => [t, intent] as const)),
);

/** Client → server ops. */
export const INBOUND_OPS = ["identify", "resume", "heartbeat", "presence_update"] as const;
/** Server → client ops. */
export const OUTBOUND_OPS = ["hello", "heartbeat_ack", "dispatch", "invalid_session"] as const;

export type InboundOp = (typeof INBOUND_OPS)[number];
export type OutboundOp = (typeof OUTBOUND_OPS)[number];

// Client → server payloads.

export const PRESENCE_STATUSES = ["online", "idle", "dnd", "invisible"] as const;
export const PresenceStatusSchema = z.enum(PRESENCE_STATUSES);
export type PresenceStatus = z.infer<typeof PresenceStatusSchema>;

export const CustomStatusSchema = z
  .object({
    text: z.string().trim().max(GATEWAY_LIMITS.customStatusText).nullable().optional(),
    emoji: z.string().trim().min(1).max(64).nullable().optional().describe("A unicode emoji or a custom emoji id"),
    expires_at: z.string().datetime().nullable().optional().describe("ISO 8601; cleared after this instant"),
  })
  .meta({ id: "CustomStatus" });

export type CustomStatus = z.infer<typeof CustomStatusSchema>;

export const PresenceUpdateSchema = z
  .object({
    status: PresenceStatusSchema,
    custom_status: CustomStatusSchema.nullable().optional(),
  })
  .meta({ id: "GatewayPresenceUpdate" });

export type PresenceUpdate = z.infer<typeof PresenceUpdateSchema>;

export const IdentifySchema = z
  .object({
    token: z.string().min(1).max(4096),
    properties: z
      .object({
        os: z.string().max(64).optional(),
        browser: z.string().max(64).optional(),
        device: z.string().max(64).optional(),
      })
      .optional(),
    intents: z.array(z.string().max(64)).max(32).optional().describe("Intent names; omitted: all"),
    presence: PresenceUpdateSchema.optional().describe("Initial presence; default online"),
  })
  .meta({ id: "GatewayIdentify" });

export const ResumeSchema = z
  .object({
    token: z.string().min(1).max(4096),
    session_id: z.string().min(1).max(64),
    seq: z.number().int().min(0),
  })
  .meta({ id: "GatewayResume" });

/** The last `s` the client has seen (null before the first dispatch). */
export const HeartbeatSchema = z.number().int().min(0).nullable().meta({ id: "GatewayHeartbeat" });

/** The `d` schema of each inbound op, so a frame is checked against exactly its op's contract. */
export const INBOUND_PAYLOADS = {
  identify: IdentifySchema,
  resume: ResumeSchema,
  heartbeat: HeartbeatSchema,
  presence_update: PresenceUpdateSchema,
} as const satisfies Record<InboundOp, z.ZodType>;

export type InboundPayload<Op extends InboundOp> = z.infer<(typeof INBOUND_PAYLOADS)[Op]>;

/** The outer shape of every frame; `d` is checked per op. */
export const GatewayFrameSchema = z
  .object({
    op: z.string(),
    d: z.unknown().optional(),
    s: z.number().int().optional(),
    t: z.string().optional(),
  })
  .meta({ id: "GatewayFrame" });

export type GatewayFrame = z.infer<typeof GatewayFrameSchema>;

// Server → client payloads.

export const HelloSchema = z.object({ heartbeat_interval: z.number().int().positive() }).meta({ id: "GatewayHello" });
export const InvalidSessionSchema = z.object({ resumable: z.boolean() }).meta({ id: "GatewayInvalidSession" });

/** What others see: invisible is reported as offline, and an offline user has no custom status. */
export const VISIBLE_STATUSES = ["online", "idle", "dnd", "offline"] as const;
export type VisibleStatus = (typeof VISIBLE_STATUSES)[number];

export const PresenceSchema = z
  .object({
    user_id: SnowflakeSchema,
    guild_id: SnowflakeSchema.optional().describe("Set on PRESENCE_UPDATE: the shared guild it was sent through"),
    status: z.enum(VISIBLE_STATUSES),
    custom_status: CustomStatusSchema.nullable(),
  })
  .meta({ id: "Presence" });

export type Presence = z.infer<typeof PresenceSchema>;

export const TypingStartSchema = z
  .object({
    channel_id: SnowflakeSchema,
    guild_id: SnowflakeSchema.optional(),
    user_id: SnowflakeSchema,
    timestamp: z.number().int().describe("Unix seconds"),
  })
  .meta({ id: "TypingStart" });

export type TypingStart = z.infer<typeof TypingStartSchema>;

/** Your own chosen status, synced between your sessions (READY.settings, USER_SETTINGS_UPDATE). */
export const PresenceSettingsSchema = z
  .object({ status: PresenceStatusSchema, custom_status: CustomStatusSchema.nullable() })
  .meta({ id: "PresenceSettings" });

export type PresenceSettings = z.infer<typeof PresenceSettingsSchema>;

/** Guild, channel, role and member shapes are owned by the communities contract; READY carries them as is. */
const OpaqueObject = z.record(z.string(), z.unknown());

export const ReadySchema = z
  .object({
    session_id: z.string(),
    user: CurrentUserSchema,
    guilds: z.array(OpaqueObject).describe("Each guild with its visible channels, roles, your member and member_count"),
    dm_channels: z.array(OpaqueObject),
    read_states: z.array(OpaqueObject),
    presences: z.array(PresenceSchema).describe(`At most ${GATEWAY_LIMITS.readyPresences}`),
    settings: PresenceSettingsSchema.catchall(z.unknown()),
  })
  .meta({ id: "GatewayReady" });

export type Ready = z.infer<typeof ReadySchema>;
