/** Avatar, guild icon and banner uploads: PUT a multipart `file` to set one, DELETE to remove it. */
import { CurrentUserSchema, ErrorBodySchema, GuildSchema, SnowflakeSchema } from "@nexus/protocol";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { ByteSource } from "../../../blobs/blob-store.js";
import { DomainError, invalidField } from "../../../errors.js";
import type { GuildImageKind } from "../../../services/profile-images/profile-image.service.js";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";
import { refuseOversizedBody, registerUploadScope, uploadErrors } from "./attachment.routes.js";

const GuildParams = z.object({ guild_id: SnowflakeSchema });
const ImageFormSchema = z.object({
  file: z.string().meta({ format: "binary" }).describe("JPEG, PNG, WebP, GIF or AVIF"),
});

/** The form's `file` part, as a stream the service reads once it has checked permissions. */
async function imageFile(request: FastifyRequest): Promise<ByteSource> {
  if (!request.isMultipart()) {
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Send the image as multipart/form-data in the field `file`.");
  }
  const part = await request.file();
  if (part?.fieldname !== "file") throw invalidField("file", "is required");
  return part.file;
}

const GUILD_IMAGES: { kind: GuildImageKind; sizes: string }[] = [
  { kind: "icon", sizes: "128 and 512 pixel squares" },
  { kind: "banner", sizes: "16:9 at 480 and 960 pixels wide" },
];

export function registerProfileImageRoutes(api: ZodApp, deps: AppDeps): void {
  const { services, config } = deps;
  const security = [{ bearer: [] }];
  const errors = uploadErrors;
  registerUploadScope(api, deps, (scope) => {
    const preHandler = [scope.authenticate, userRateLimit(scope, config.rateLimits)].filter((h) => h !== undefined);
    const onRequest = refuseOversizedBody(config.uploads.maxBytes);

    scope.put(
      "/users/@me/avatar",
      {
        onRequest,
        preHandler,
        schema: {
          tags: ["users"],
          security,
          summary: "Set your avatar",
          description:
            "multipart/form-data with one `file`. Stored as WebP squares of 128 and 512 pixels (animated GIF and " +
            "WebP stay animated), without metadata. Dispatches USER_UPDATE.",
          consumes: ["multipart/form-data"],
          body: ImageFormSchema,
          response: { 200: CurrentUserSchema, ...errors },
        },
      },
      async (request) => services.profileImages.setAvatar(actor(request).userId, await imageFile(request)),
    );

    scope.delete(
      "/users/@me/avatar",
      {
        preHandler,
        schema: {
          tags: ["users"],
          security,
          summary: "Remove your avatar",
          response: { 200: CurrentUserSchema, 401: ErrorBodySchema, 429: ErrorBodySchema },
        },
      },
      async (request) => services.profileImages.setAvatar(actor(request).userId, null),
    );

    for (const { kind, sizes } of GUILD_IMAGES) {
      scope.put(
        `/guilds/:guild_id/${kind}`,
        {
          onRequest,
          preHandler,
          schema: {
            tags: ["guilds"],
            security,
            summary: `Set the server's ${kind} (MANAGE_GUILD)`,
            description: `multipart/form-data with one \`file\`. Stored as WebP, ${sizes}; animation is kept. Dispatches GUILD_UPDATE.`,
            consumes: ["multipart/form-data"],
            params: GuildParams,
            body: ImageFormSchema,
            response: { 200: GuildSchema, ...errors },
          },
        },
        async (request) =>
          services.profileImages.setGuildImage(
            actor(request).userId,
            request.params.guild_id,
            kind,
            await imageFile(request),
          ),
      );

      scope.delete(
        `/guilds/:guild_id/${kind}`,
        {
          preHandler,
          schema: {
            tags: ["guilds"],
            security,
            summary: `Remove the server's ${kind} (MANAGE_GUILD)`,
            params: GuildParams,
            response: { 200: GuildSchema, ...errors },
          },
        },
        async (request) =>
          services.profileImages.setGuildImage(actor(request).userId, request.params.guild_id, kind, null),
      );
    }
  });
}
