/** Messages: the wire shape, send/edit bodies, history paging, bulk delete, reactions and pins. */
import { z } from "zod";
import { AttachmentIdsSchema, AttachmentSchema } from "./attachments.js";
import { EmbedSchema } from "./embeds.js";
import { ReactionEmojiSchema } from "./emojis.js";
import { SnowflakeSchema } from "./ids.js";
import { MessageFlagsSchema } from "./link-previews.js";
import { PublicUserSchema } from "./users.js";

export const MESSAGE_CONTENT_MAX = 4000;
export const NONCE_MAX = 64;
export const HISTORY_LIMIT_MAX = 100;
export const HISTORY_LIMIT_DEFAULT = 50;
export const BULK_DELETE_MIN = 2;
export const BULK_DELETE_MAX = 100;
export const MAX_PINS_PER_CHANNEL = 250;
/** A nonce makes a send idempotent for at least this long. */
export const NONCE_WINDOW_MS = 10 * 60 * 1000;

export const MENTION_PARSE_TYPES = ["users", "roles", "everyone"] as const;

export const AllowedMentionsSchema = z
  .object({
    parse: z
      .array(z.enum(MENTION_PARSE_TYPES))
      .max(3)
      .optional()
      .describe("Mention kinds parsed from the content; omitted means all three"),
    users: z.array(SnowflakeSchema).max(100).optional().describe("Users that may be mentioned even if not parsed"),
    roles: z.array(SnowflakeSchema).max(100).optional().describe("Roles that may be mentioned even if not parsed"),
    replied_user: z.boolean().optional().describe("Whether a reply mentions the author of the replied-to message"),
  })
  .strict()
  .meta({ id: "AllowedMentions" });

export type AllowedMentions = z.infer<typeof AllowedMentionsSchema>;

export const MessageContentSchema = z
  .string()
  .min(1)
  .max(MESSAGE_CONTENT_MAX)
  .refine((text) => text.trim().length > 0, "must not be only whitespace");

export const CreateMessageSchema = z
  .object({
    content: z.string().max(MESSAGE_CONTENT_MAX).optional().describe("May be empty when attachment_ids are sent"),
    attachment_ids: AttachmentIdsSchema.optional(),
    nonce: z
      .string()
      .min(1)
      .max(NONCE_MAX)
      .optional()
      .describe("Client-chosen; a retry with the same nonce in the same channel returns the first message"),
    reply_to: SnowflakeSchema.optional().describe("A message in the same channel"),
    allowed_mentions: AllowedMentionsSchema.optional(),
    flags: MessageFlagsSchema.optional().describe("4 = SUPPRESS_EMBEDS: no link previews for this message"),
  })
  .strict()
  .refine(
    (message) => (message.attachment_ids?.length ?? 0) > 0 || MessageContentSchema.safeParse(message.content).success,
    {
      message: "must be 1-4000 characters, not only whitespace, unless attachments are sent",
      path: ["content"],
    },
  )
  .meta({ id: "CreateMessage" });

export type CreateMessage = z.infer<typeof CreateMessageSchema>;

export const EditMessageSchema = z
  .object({
    content: MessageContentSchema.optional().describe("Author only"),
    allowed_mentions: AllowedMentionsSchema.optional(),
    flags: MessageFlagsSchema.optional().describe(
      "4 = SUPPRESS_EMBEDS: hide (or, cleared, bring back) link previews; the author or MANAGE_MESSAGES",
    ),
  })
  .strict()
  .refine((body) => body.content !== undefined || body.flags !== undefined, {
    message: "give content, flags or both",
    path: ["content"],
  })
  .meta({ id: "EditMessage" });

export type EditMessage = z.infer<typeof EditMessageSchema>;

export const BulkDeleteSchema = z
  .object({ messages: z.array(SnowflakeSchema).min(BULK_DELETE_MIN).max(BULK_DELETE_MAX) })
  .strict()
  .meta({ id: "BulkDeleteMessages" });

export const HistoryQuerySchema = z
  .object({
    before: SnowflakeSchema.optional(),
    after: SnowflakeSchema.optional(),
    around: SnowflakeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(HISTORY_LIMIT_MAX).default(HISTORY_LIMIT_DEFAULT),
  })
  .refine((q) => [q.before, q.after, q.around].filter((v) => v !== undefined).length <= 1, {
    message: "use at most one of before, after and around",
    path: ["before"],
  });

export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export const ReactionSchema = z
  .object({
    emoji: ReactionEmojiSchema,
    count: z.number().int(),
    me: z.boolean().describe("Whether the viewer reacted with this emoji"),
  })
  .meta({ id: "Reaction" });

export type Reaction = z.infer<typeof ReactionSchema>;

export const MessageThreadSummarySchema = z
  .object({
    id: SnowflakeSchema,
    name: z.string(),
    message_count: z.number().int(),
    archived: z.boolean(),
    locked: z.boolean(),
  })
  .meta({ id: "MessageThreadSummary" });

const messageFields = {
  id: SnowflakeSchema,
  channel_id: SnowflakeSchema,
  guild_id: SnowflakeSchema.nullable().describe("null in direct-message channels"),
  author: PublicUserSchema,
  content: z.string(),
  created_at: z.string().describe("ISO 8601"),
  edited_at: z.string().nullable().describe("ISO 8601; null until the first edit"),
  reply_to: SnowflakeSchema.nullable(),
  mentions: z.array(PublicUserSchema),
  mention_roles: z.array(SnowflakeSchema),
  mention_channels: z.array(SnowflakeSchema),
  mention_everyone: z.boolean(),
  reactions: z.array(ReactionSchema),
  pinned: z.boolean(),
  attachments: z.array(AttachmentSchema),
  embeds: z.array(EmbedSchema).describe("Link previews arrive later, by MESSAGE_UPDATE"),
  flags: z.number().int().describe("Bitfield: 4 = SUPPRESS_EMBEDS"),
  thread: MessageThreadSummarySchema.nullable().describe("The thread started from this message"),
  nonce: z.string().nullable().optional().describe("Echoed to the author on send"),
};

export const ReferencedMessageSchema = z.object(messageFields).meta({ id: "ReferencedMessage" });

export const MessageSchema = z
  .object({
    ...messageFields,
    referenced_message: ReferencedMessageSchema.nullable().describe(
      "The replied-to message; null if there is none or it was deleted",
    ),
  })
  .meta({ id: "Message" });

export type ReferencedMessage = z.infer<typeof ReferencedMessageSchema>;
export type Message = z.infer<typeof MessageSchema>;

export const ReactionUsersQuerySchema = z.object({
  after: SnowflakeSchema.optional().describe("Users with ids after this one"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const PinnedMessagesSchema = z.array(MessageSchema).meta({ id: "PinnedMessages" });
