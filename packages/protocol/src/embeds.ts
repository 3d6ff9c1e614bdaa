/** Rich embeds: the card a bot, webhook or link preview attaches to a message, with Discord-compatible limits. */
import { z } from "zod";

export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  providerName: 256,
  url: 2048,
  /** Sum of every visible text (title, description, field names and values, footer, author) over a message's embeds. */
  totalText: 6000,
  perMessage: 10,
} as const;

/** Only web links: a javascript:, data: or file: URL in an embed would be a trap for whoever clicks it. */
const EmbedUrlSchema = z.url({ protocol: /^https?$/ }).max(EMBED_LIMITS.url);

const text = (max: number) => z.string().min(1).max(max);

export const EmbedColorSchema = z.number().int().min(0).max(0xffffff).describe("RGB colour as an integer");

export const EmbedFieldSchema = z
  .object({
    name: text(EMBED_LIMITS.fieldName),
    value: text(EMBED_LIMITS.fieldValue),
    inline: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "EmbedField" });

export const EmbedAuthorSchema = z
  .object({
    name: text(EMBED_LIMITS.authorName),
    url: EmbedUrlSchema.optional(),
    icon_url: EmbedUrlSchema.optional(),
  })
  .strict()
  .meta({ id: "EmbedAuthor" });

export const EmbedFooterSchema = z
  .object({
    text: text(EMBED_LIMITS.footerText),
    icon_url: EmbedUrlSchema.optional(),
  })
  .strict()
  .meta({ id: "EmbedFooter" });

const dimension = z.number().int().min(1).max(65_535);

export const EmbedMediaInputSchema = z.object({ url: EmbedUrlSchema }).strict().meta({ id: "EmbedMediaLink" });

export const EmbedMediaSchema = z
  .object({
    url: EmbedUrlSchema.describe("The original address of the media"),
    proxy_url: z
      .string()
      .optional()
      .describe("Where clients load it from: this server's media proxy, so the viewer's IP never reaches the origin"),
    width: dimension.optional(),
    height: dimension.optional(),
  })
  .strict()
  .meta({ id: "EmbedMedia" });

export const EmbedProviderSchema = z
  .object({
    name: text(EMBED_LIMITS.providerName).optional(),
    url: EmbedUrlSchema.optional(),
  })
  .strict()
  .meta({ id: "EmbedProvider" });

export const EMBED_TYPES = ["rich", "link", "article", "image", "video"] as const;
export type EmbedType = (typeof EMBED_TYPES)[number];

const commonShape = {
  title: text(EMBED_LIMITS.title).optional(),
  description: text(EMBED_LIMITS.description).optional(),
  url: EmbedUrlSchema.optional(),
  color: EmbedColorSchema.optional(),
  timestamp: z.iso.datetime({ offset: true }).optional().describe("ISO 8601, shown in the footer"),
  fields: z.array(EmbedFieldSchema).max(EMBED_LIMITS.fields).optional(),
  author: EmbedAuthorSchema.optional(),
  footer: EmbedFooterSchema.optional(),
};

interface EmbedText {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}

/** Characters that count toward the 6000 total, the way Discord counts them (UTF-16 code units). */
export function embedTextLength(embed: EmbedText): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

function checkEmbed(embed: EmbedText & Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const shown = ["title", "description", "fields", "author", "footer", "image", "thumbnail", "video"];
  if (!shown.some((key) => embed[key] !== undefined && !(Array.isArray(embed[key]) && embed[key].length === 0))) {
    ctx.addIssue({
      code: "custom",
      message: "an embed needs at least a title, description, field, author, footer or image",
    });
  }
  if (embedTextLength(embed) > EMBED_LIMITS.totalText) {
    ctx.addIssue({ code: "custom", message: `an embed's text may total at most ${EMBED_LIMITS.totalText} characters` });
  }
}

/** What a bot or webhook sends. Server-only parts (type, provider, video, proxy addresses) are not accepted. */
export const EmbedInputSchema = z
  .object({
    ...commonShape,
    image: EmbedMediaInputSchema.optional(),
    thumbnail: EmbedMediaInputSchema.optional(),
  })
  .strict()
  .superRefine(checkEmbed)
  .meta({ id: "NewEmbed" });

/** An embed as it appears on a message: sent by a bot ("rich") or generated from a link ("link", "article", …). */
export const EmbedSchema = z
  .object({
    type: z.enum(EMBED_TYPES),
    ...commonShape,
    image: EmbedMediaSchema.optional(),
    thumbnail: EmbedMediaSchema.optional(),
    video: EmbedMediaSchema.optional(),
    provider: EmbedProviderSchema.optional(),
  })
  .strict()
  .superRefine(checkEmbed)
  .meta({ id: "Embed" });

/** A message's embeds: at most 10, and their text together within the 6000 total. */
export const MessageEmbedsInputSchema = z
  .array(EmbedInputSchema)
  .max(EMBED_LIMITS.perMessage)
  .superRefine((embeds, ctx) => {
    const total = embeds.reduce((sum, embed) => sum + embedTextLength(embed), 0);
    if (total > EMBED_LIMITS.totalText) {
      ctx.addIssue({
        code: "custom",
        message: `a message's embeds may total at most ${EMBED_LIMITS.totalText} characters of text (got ${total})`,
      });
    }
  });

export type EmbedField = z.infer<typeof EmbedFieldSchema>;
export type EmbedAuthor = z.infer<typeof EmbedAuthorSchema>;
export type EmbedFooter = z.infer<typeof EmbedFooterSchema>;
export type EmbedMedia = z.infer<typeof EmbedMediaSchema>;
export type EmbedProvider = z.infer<typeof EmbedProviderSchema>;
export type EmbedInput = z.infer<typeof EmbedInputSchema>;
export type Embed = z.infer<typeof EmbedSchema>;
