/**
 * Custom emoji: per-guild images used as `<:name:id>` (or `<a:name:id>` when animated) in message content and as
 * `name:id` in reaction routes. Pure, so the server and clients parse emoji the same way.
 */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";

export const EMOJI_NAME_MIN = 2;
export const EMOJI_NAME_MAX = 32;
/** Per guild, counted separately. */
export const MAX_STATIC_EMOJIS = 100;
export const MAX_ANIMATED_EMOJIS = 100;
/** Largest image accepted (decoded bytes); the server resizes to fit EMOJI_SIZE × EMOJI_SIZE. */
export const EMOJI_IMAGE_MAX_BYTES = 256 * 1024;
export const EMOJI_SIZE = 128;
export const EMOJI_IMAGE_TYPES = ["image/png", "image/gif", "image/webp", "image/jpeg"] as const;

export const EmojiNameSchema = z
  .string()
  .min(EMOJI_NAME_MIN)
  .max(EMOJI_NAME_MAX)
  .regex(/^[A-Za-z0-9_]+$/, "letters, digits and underscores only");

export const EmojiSchema = z
  .object({
    id: SnowflakeSchema,
    guild_id: SnowflakeSchema,
    name: z.string(),
    animated: z.boolean().describe("Served as GIF (and animated WebP); static ones as PNG (and WebP)"),
    creator_id: SnowflakeSchema.nullable().describe("Who uploaded it; null once their account is gone"),
    created_at: z.string().describe("ISO 8601"),
  })
  .meta({ id: "Emoji" });

export type Emoji = z.infer<typeof EmojiSchema>;

/** The image as a base64 data URI (`data:image/png;base64,...`), like guild icons in Discord's API. */
export const EmojiImageSchema = z
  .string()
  .max(Math.ceil((EMOJI_IMAGE_MAX_BYTES * 4) / 3) + 64)
  .regex(/^data:image\/[a-z+.-]+;base64,[A-Za-z0-9+/]+=*$/, "must be a base64 data URI of an image")
  .describe("data:image/(png|gif|webp|jpeg);base64,… at most 256 KiB decoded");

export const CreateEmojiSchema = z
  .object({ name: EmojiNameSchema, image: EmojiImageSchema })
  .strict()
  .meta({ id: "CreateEmoji" });

export type CreateEmoji = z.infer<typeof CreateEmojiSchema>;

export const UpdateEmojiSchema = z.object({ name: EmojiNameSchema }).strict().meta({ id: "UpdateEmoji" });

export type UpdateEmoji = z.infer<typeof UpdateEmojiSchema>;

/** GUILD_EMOJIS_UPDATE: the guild's whole emoji list after a change. */
export const GuildEmojisUpdateEventSchema = z
  .object({ guild_id: SnowflakeSchema, emojis: z.array(EmojiSchema) })
  .meta({ id: "GuildEmojisUpdateEvent" });

export type GuildEmojisUpdateEvent = z.infer<typeof GuildEmojisUpdateEventSchema>;

/** The emoji of a reaction: a Unicode emoji (id null) or a custom one (name kept even after it is deleted). */
export const ReactionEmojiSchema = z
  .object({
    id: SnowflakeSchema.nullable(),
    name: z.string(),
    animated: z.boolean(),
  })
  .meta({ id: "ReactionEmoji" });

export type ReactionEmoji = z.infer<typeof ReactionEmojiSchema>;

export interface CustomEmojiRef {
  id: string;
  name: string;
  animated: boolean;
}

const CUSTOM_TOKEN = /<(a?):([A-Za-z0-9_]{2,32}):([0-9]{1,19})>/g;

/** Every `<:name:id>` / `<a:name:id>` in `content`, in order, with their positions (for rendering). */
export function parseCustomEmoji(content: string): (CustomEmojiRef & { index: number; length: number })[] {
  return [...content.matchAll(CUSTOM_TOKEN)].map((m) => ({
    id: m[3] ?? "",
    name: m[2] ?? "",
    animated: m[1] === "a",
    index: m.index,
    length: m[0].length,
  }));
}

/** A reaction route's emoji part naming a custom emoji: `name:id`, `a:name:id`, or `<:name:id>`; else undefined. */
export function parseReactionEmoji(text: string): { id: string; name: string } | undefined {
  const match = /^(?:<?a?:)?([A-Za-z0-9_]{2,32}):([0-9]{1,19})>?$/.exec(text);
  return match?.[1] && match[2] ? { id: match[2], name: match[1] } : undefined;
}

/** Where a custom emoji's image is served (public and cacheable; the id is the only key). */
export function emojiImagePath(emoji: { id: string; animated: boolean }, format?: "png" | "gif" | "webp"): string {
  return `/media/emojis/${emoji.id}.${format ?? (emoji.animated ? "gif" : "png")}`;
}
