/** Threads: sub-channels started from a message or standalone, and forum posts. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { MessageContentSchema } from "./messages.js";

export const AUTO_ARCHIVE_MINUTES = [60, 1440, 4320, 10080] as const;
export const THREAD_NAME_MAX = 100;

export const AutoArchiveSchema = z
  .union(AUTO_ARCHIVE_MINUTES.map((m) => z.literal(m)))
  .describe("Minutes of inactivity before the thread archives: 60, 1440, 4320 or 10080");

export const ThreadSchema = z
  .object({
    id: SnowflakeSchema,
    guild_id: SnowflakeSchema,
    parent_id: SnowflakeSchema,
    type: z.literal("public_thread"),
    name: z.string(),
    owner_id: SnowflakeSchema,
    starter_message_id: SnowflakeSchema.nullable(),
    message_count: z.number().int(),
    member_count: z.number().int(),
    last_message_id: SnowflakeSchema.nullable(),
    archived: z.boolean(),
    locked: z.boolean(),
    auto_archive_duration: z.number().int(),
    archive_timestamp: z.string().nullable().describe("ISO 8601: when it was last archived or unarchived"),
    created_at: z.string(),
  })
  .meta({ id: "Thread" });

export type Thread = z.infer<typeof ThreadSchema>;

const ThreadName = z.string().trim().min(1).max(THREAD_NAME_MAX);

export const StartThreadSchema = z
  .object({
    name: ThreadName,
    auto_archive_duration: AutoArchiveSchema.default(1440),
    message: z
      .object({ content: MessageContentSchema })
      .strict()
      .optional()
      .describe("Forum channels: the post's first message (required there)"),
  })
  .strict()
  .meta({ id: "StartThread" });

export type StartThread = z.infer<typeof StartThreadSchema>;

export const StartThreadFromMessageSchema = z
  .object({ name: ThreadName, auto_archive_duration: AutoArchiveSchema.default(1440) })
  .strict()
  .meta({ id: "StartThreadFromMessage" });

export const UpdateThreadSchema = z
  .object({
    name: ThreadName.optional(),
    archived: z.boolean().optional(),
    locked: z
      .boolean()
      .optional()
      .describe("Only members with MANAGE_THREADS can unarchive or post in a locked thread"),
    auto_archive_duration: AutoArchiveSchema.optional(),
  })
  .strict()
  .meta({ id: "UpdateThread" });

export type UpdateThread = z.infer<typeof UpdateThreadSchema>;

export const ThreadMemberSchema = z
  .object({ thread_id: SnowflakeSchema, user_id: SnowflakeSchema, joined_at: z.string() })
  .meta({ id: "ThreadMember" });

export type ThreadMember = z.infer<typeof ThreadMemberSchema>;

export const ArchivedThreadsQuerySchema = z.object({
  before: z.iso.datetime().optional().describe("Threads archived before this time"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ThreadListSchema = z
  .object({ threads: z.array(ThreadSchema), has_more: z.boolean() })
  .meta({ id: "ThreadList" });
