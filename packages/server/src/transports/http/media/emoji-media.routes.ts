/**
 * /media/emojis/{id}.{png|gif|webp}: custom emoji images. Public and cacheable (an emoji id is shown to everyone who
 * sees a message using it, and the bytes behind an id never change), but never able to run as a document.
 */
import { ErrorBodySchema, SnowflakeSchema } from "@nexus/protocol";
import { z } from "zod";
import { notFound } from "../../../errors.js";
import type { AppDeps } from "../app.js";
import type { ZodApp } from "../types.js";

const EmojiFileParams = z.object({
  file: z
    .string()
    .regex(/^[0-9]{1,19}\.(png|gif|webp)$/, "must be {id}.png, {id}.gif or {id}.webp")
    .describe("{emoji id}.png (static), .gif (animated) or .webp (either)"),
});

export function registerEmojiMediaRoutes(media: ZodApp, { services }: AppDeps): void {
  media.get(
    "/emojis/:file",
    {
      schema: {
        tags: ["media"],
        summary: "A custom emoji image (public, immutable)",
        params: EmojiFileParams,
        response: {
          200: z.any().describe("The image bytes"),
          304: z.null().describe("Not modified"),
          400: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const [id = "", format] = request.params.file.split(".") as [string, "png" | "gif" | "webp"];
      if (!SnowflakeSchema.safeParse(id).success) throw notFound("Emoji");
      const image = await services.emojis.image(id, format);
      if (request.headers["if-none-match"] === `"${image.etag}"`) {
        image.stream.destroy();
        return reply.status(304).send(null);
      }
      return reply
        .headers({
          "content-type": image.contentType,
          "content-length": String(image.size),
          etag: `"${image.etag}"`,
          "cache-control": "public, max-age=31536000, immutable",
          "x-content-type-options": "nosniff",
          "content-security-policy": "sandbox; default-src 'none'",
          "cross-origin-resource-policy": "cross-origin",
        })
        .send(image.stream);
    },
  );
}
