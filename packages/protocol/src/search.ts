/** Message search: guild-wide or across your direct messages. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";
import { MessageSchema } from "./messages.js";

export const SEARCH_HAS = ["link", "file", "image", "embed"] as const;
export const SEARCH_LIMIT_MAX = 25;
export const SEARCH_OFFSET_MAX = 5000;

const idList = z
  .union([SnowflakeSchema, z.array(SnowflakeSchema).max(25)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const SearchQuerySchema = z
  .object({
    content: z.string().trim().min(1).max(512).optional(),
    author_id: idList.optional(),
    channel_id: idList.optional(),
    mentions: idList.optional().describe("Messages mentioning these users"),
    has: z
      .union([z.enum(SEARCH_HAS), z.array(z.enum(SEARCH_HAS)).max(4)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional(),
    pinned: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    before: SnowflakeSchema.optional().describe("Messages with ids before this one"),
    after: SnowflakeSchema.optional().describe("Messages with ids after this one"),
    limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(25),
    offset: z.coerce.number().int().min(0).max(SEARCH_OFFSET_MAX).default(0),
  })
  .describe("Query string parameters (no component id: OpenAPI needs query parameters inline)");

export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchResultSchema = z
  .object({
    total_results: z.number().int(),
    messages: z.array(MessageSchema),
  })
  .meta({ id: "SearchResult" });

export type SearchResult = z.infer<typeof SearchResultSchema>;
