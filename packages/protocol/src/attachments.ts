/** Attachments: files uploaded ahead of a message, then sent with it by id. */
import { z } from "zod";
import { SnowflakeSchema } from "./ids.js";

/** Files one message may carry. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** Alt text for an attachment. */
export const ATTACHMENT_DESCRIPTION_MAX = 1024;
/** Longest file name kept (longer names are cut). */
export const ATTACHMENT_FILENAME_MAX = 255;
/** An upload not sent with a message within this long is deleted. */
export const UNSENT_ATTACHMENT_TTL_MS = 60 * 60 * 1000;

/** The text fields of the multipart upload form (everything but the `file` part). */
export const UploadAttachmentFieldsSchema = z
  .object({
    spoiler: z
      .enum(["true", "false"])
      .optional()
      .transform((value) => value === "true")
      .describe("Hide the file behind a spoiler until clicked"),
    description: z.string().trim().max(ATTACHMENT_DESCRIPTION_MAX).optional().describe("Alt text"),
    opaque: z
      .enum(["true", "false"])
      .optional()
      .transform((value) => value === "true")
      .describe(
        "Store the bytes exactly as sent, without looking inside (end-to-end encrypted files). Must come before the file part.",
      ),
  })
  .strict();

export type UploadAttachmentFields = z.infer<typeof UploadAttachmentFieldsSchema>;

/** The 201 answer to an upload; send `id` in a message's attachment_ids. */
export const UploadedAttachmentSchema = z
  .object({
    id: SnowflakeSchema,
    filename: z.string(),
    size: z.number().int(),
    content_type: z.string().describe("Sniffed from the bytes; application/octet-stream when unknown"),
    width: z.number().int().optional(),
    height: z.number().int().optional(),
    spoiler: z.boolean(),
    description: z.string().nullable(),
    url: z.string().describe("Path on this server; fetch it with your credentials (Authorization or media cookie)"),
  })
  .meta({ id: "UploadedAttachment" });

export type UploadedAttachment = z.infer<typeof UploadedAttachmentSchema>;

/** Changes to an upload before it is sent (the uploader only). */
export const UpdateAttachmentSchema = z
  .object({
    spoiler: z.boolean().optional(),
    description: z.string().trim().max(ATTACHMENT_DESCRIPTION_MAX).nullable().optional().describe("Alt text"),
  })
  .strict()
  .meta({ id: "UpdateAttachment" });

export type UpdateAttachment = z.infer<typeof UpdateAttachmentSchema>;

/** An attachment as it appears on a message. */
export const AttachmentSchema = z
  .object({
    id: SnowflakeSchema,
    filename: z.string(),
    size: z.number().int(),
    content_type: z.string().nullable(),
    url: z.string().describe("Path on this server; needs the viewer's credentials"),
    proxy_url: z.string().nullable().describe("A static WebP thumbnail (at most 400×400) for images; null otherwise"),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    spoiler: z.boolean(),
    description: z.string().nullable(),
  })
  .meta({ id: "Attachment" });

export type Attachment = z.infer<typeof AttachmentSchema>;

export const AttachmentIdsSchema = z
  .array(SnowflakeSchema)
  .max(MAX_ATTACHMENTS_PER_MESSAGE)
  .refine((ids) => new Set(ids).size === ids.length, "must not repeat an id")
  .describe("Files you uploaded to this channel and have not sent yet");

/** The answer to POST /auth/media-cookie; renew the cookie before it expires (with each token refresh). */
export const MediaCookieSchema = z
  .object({ expires_in: z.number().int().describe("Seconds until the cookie stops working") })
  .meta({ id: "MediaCookie" });

/** Standard sizes avatars and guild icons (squares) and banners (16:9, by width) are stored at. */
export const AVATAR_SIZES = [128, 512] as const;
export const BANNER_WIDTHS = [480, 960] as const;

export const IconSizeQuerySchema = z.object({
  size: z.coerce
    .number()
    .int()
    .refine((size) => (AVATAR_SIZES as readonly number[]).includes(size), "must be 128 or 512")
    .default(AVATAR_SIZES[AVATAR_SIZES.length - 1] ?? 512),
});

export const BannerSizeQuerySchema = z.object({
  size: z.coerce
    .number()
    .int()
    .refine((size) => (BANNER_WIDTHS as readonly number[]).includes(size), "must be 480 or 960")
    .default(BANNER_WIDTHS[BANNER_WIDTHS.length - 1] ?? 960),
});
