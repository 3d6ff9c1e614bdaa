/**
 * /media/avatars, /media/icons and /media/banners: the current image of a user or guild by its hash. Public and
 * cacheable for good: a hash names fixed bytes, and appears only where the user or guild is visible.
 */
import { BannerSizeQuerySchema, IconSizeQuerySchema, SnowflakeSchema } from "@nexus/protocol";
import { z } from "zod";
import type { ImageKind } from "../../../storage/repositories/profile-image.repository.js";
import type { AppDeps } from "../app.js";
import type { ZodApp } from "../types.js";
import { fileResponses } from "./attachment-media.routes.js";
import { sendFile } from "./send-file.js";

const ImageParams = z.object({
  owner_id: SnowflakeSchema,
  hash: z.string().regex(/^(a_)?[0-9a-f]{32}$/, "must be an image hash"),
});

const IMMUTABLE = "public, max-age=31536000, immutable";

const ROUTES: { kind: ImageKind; path: string; owner: string; query: typeof IconSizeQuerySchema }[] = [
  { kind: "avatar", path: "avatars", owner: "user", query: IconSizeQuerySchema },
  { kind: "icon", path: "icons", owner: "server", query: IconSizeQuerySchema },
  { kind: "banner", path: "banners", owner: "server", query: BannerSizeQuerySchema },
];

export function registerProfileImageMediaRoutes(media: ZodApp, { services }: AppDeps): void {
  for (const { kind, path, owner, query } of ROUTES) {
    media.get(
      `/${path}/:owner_id/:hash`,
      {
        schema: {
          tags: ["media"],
          summary: `A ${owner}'s ${kind} (WebP) at a standard size`,
          params: ImageParams,
          querystring: query,
          response: fileResponses,
        },
      },
      async (request, reply) => {
        const { owner_id, hash } = request.params;
        const file = await services.profileImages.image({ kind, id: owner_id }, hash, request.query.size);
        return sendFile(request, reply, file, IMMUTABLE);
      },
    );
  }
}
