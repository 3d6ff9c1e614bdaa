/** Custom emoji of a guild: list and read (members), upload, rename and delete (MANAGE_EMOJIS). */
import {
  CreateEmojiSchema,
  EMOJI_IMAGE_MAX_BYTES,
  EmojiSchema,
  ErrorBodySchema,
  SnowflakeSchema,
  UpdateEmojiSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { auditActor } from "../audit-reason.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

const GuildParams = z.object({ guild_id: SnowflakeSchema });
const EmojiParams = GuildParams.extend({ emoji_id: SnowflakeSchema });

/** Base64 grows bytes by 4/3; the JSON around it is small. */
const CREATE_BODY_LIMIT = Math.ceil((EMOJI_IMAGE_MAX_BYTES * 4) / 3) + 4096;

export function registerEmojiRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { emojis } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["emojis"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

  api.get(
    "/guilds/:guild_id/emojis",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "The server's custom emoji",
        params: GuildParams,
        response: { 200: z.array(EmojiSchema), 404: ErrorBodySchema },
      },
    },
    async (request) => emojis.list(actor(request).userId, request.params.guild_id),
  );

  api.get(
    "/guilds/:guild_id/emojis/:emoji_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "One custom emoji",
        params: EmojiParams,
        response: { 200: EmojiSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => emojis.get(actor(request).userId, request.params.guild_id, request.params.emoji_id),
  );

  api.post(
    "/guilds/:guild_id/emojis",
    {
      preHandler,
      bodyLimit: CREATE_BODY_LIMIT,
      schema: {
        tags,
        security,
        summary:
          "Upload a custom emoji (MANAGE_EMOJIS; PNG, GIF, WebP or JPEG up to 256 KiB, resized to 128 px; " +
          "100 static and 100 animated per server, else 400 MAX_EMOJIS_REACHED)",
        params: GuildParams,
        body: CreateEmojiSchema,
        response: { 201: EmojiSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { name, image } = request.body;
      const bytes = Buffer.from(image.slice(image.indexOf(",") + 1), "base64");
      const created = await emojis.create(auditActor(request), request.params.guild_id, { name, image, bytes });
      return reply.status(201).send(created);
    },
  );

  api.patch(
    "/guilds/:guild_id/emojis/:emoji_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Rename a custom emoji (MANAGE_EMOJIS)",
        params: EmojiParams,
        body: UpdateEmojiSchema,
        response: { 200: EmojiSchema, ...errors },
      },
    },
    async (request) =>
      emojis.update(auditActor(request), request.params.guild_id, request.params.emoji_id, request.body),
  );

  api.delete(
    "/guilds/:guild_id/emojis/:emoji_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Delete a custom emoji (MANAGE_EMOJIS); reactions made with it stay and keep its name",
        params: EmojiParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await emojis.delete(auditActor(request), request.params.guild_id, request.params.emoji_id);
      return reply.status(204).send(null);
    },
  );
}
