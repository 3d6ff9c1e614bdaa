/**
 * Link previews: which URLs in a message get one, the message flag that hides them, and the on/off switches for a
 * server and for an author. Pure, so the server and clients agree on what will be previewed.
 */
import { z } from "zod";

/** Message flags (a bitfield, as on Discord). */
export const MessageFlags = {
  /** Show no embeds for this message (set by the author, or by a member with MANAGE_MESSAGES). */
  SUPPRESS_EMBEDS: 1 << 2,
} as const;

export const MESSAGE_FLAGS_MASK = Object.values(MessageFlags).reduce((all, bit) => all | bit, 0);

export const MessageFlagsSchema = z
  .number()
  .int()
  .min(0)
  .refine((bits) => (bits & ~MESSAGE_FLAGS_MASK) === 0, "only SUPPRESS_EMBEDS (4) can be set")
  .describe("Bitfield: 4 = SUPPRESS_EMBEDS");

/** At most this many links of one message are previewed (the first ones). */
export const MAX_PREVIEWS_PER_MESSAGE = 5;

export const LinkPreviewSettingsSchema = z
  .object({ enabled: z.boolean().describe("Whether links get previews") })
  .strict()
  .meta({ id: "LinkPreviewSettings" });

export type LinkPreviewSettings = z.infer<typeof LinkPreviewSettingsSchema>;

/** LINK_PREVIEW_SETTINGS_UPDATE: a server's switch (to its managers) or your own (to your sessions) changed. */
export const LinkPreviewSettingsUpdateEventSchema = z
  .object({
    scope: z.enum(["guild", "user"]),
    id: z.string().describe("The guild id or the user id"),
    enabled: z.boolean(),
  })
  .meta({ id: "LinkPreviewSettingsUpdateEvent" });

export type LinkPreviewSettingsUpdateEvent = z.infer<typeof LinkPreviewSettingsUpdateEventSchema>;

/** Code spans and blocks are shown verbatim, so links inside them are not previewed. */
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;
/** A bare web link; `<https://…>` (angle brackets) is matched separately so it can be skipped, as on Discord. */
const LINK = /<https?:\/\/[^\s<>]+>|https?:\/\/[^\s<>]+/gi;
/** Punctuation that ends a sentence rather than the URL ("see https://x.org/a."). */
const TRAILING = /[.,:;!?'"]+$/;

/** The links in `content` that get a preview: web links outside code and not in <angle brackets>, first five. */
export function previewableUrls(content: string): string[] {
  const text = content.replace(CODE, (code) => " ".repeat(code.length));
  const urls: string[] = [];
  for (const [match] of text.matchAll(LINK)) {
    if (match.startsWith("<")) continue;
    const candidate = trimUnbalancedParen(match.replace(TRAILING, ""));
    if (!/^https?:\/\/[^/?#\s]+/i.test(candidate) || urls.includes(candidate)) continue;
    urls.push(candidate);
    if (urls.length === MAX_PREVIEWS_PER_MESSAGE) break;
  }
  return urls;
}

/** "(see https://en.wikipedia.org/wiki/Foo_(bar))" keeps its own parentheses but not the sentence's. */
function trimUnbalancedParen(url: string): string {
  let result = url;
  while (result.endsWith(")") && count(result, "(") < count(result, ")")) result = result.slice(0, -1);
  return result;
}

const count = (text: string, char: string) => text.split(char).length - 1;
