/** The link-preview switches: a server's (MANAGE_GUILD to change) and your own. */
import { ErrorBodySchema, LinkPreviewSettingsSchema, SnowflakeSchema } from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

const GuildParams = z.object({ guild_id: SnowflakeSchema });

export function registerLinkPreviewRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { linkPreviewSettings } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["link previews"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

  api.get(
    "/users/@me/link-previews",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Whether links in your messages get previews",
        response: { 200: LinkPreviewSettingsSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => linkPreviewSettings.forUser(actor(request).userId),
  );

  api.patch(
    "/users/@me/link-previews",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Turn previews of links in your messages on or off",
        body: LinkPreviewSettingsSchema,
        response: { 200: LinkPreviewSettingsSchema, 400: ErrorBodySchema },
      },
    },
    async (request) => linkPreviewSettings.setForUser(actor(request).userId, request.body),
  );

  api.get(
    "/guilds/:guild_id/link-previews",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Whether links in this server get previews",
        params: GuildParams,
        response: { 200: LinkPreviewSettingsSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => linkPreviewSettings.forGuild(actor(request).userId, request.params.guild_id),
  );

  api.patch(
    "/guilds/:guild_id/link-previews",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Turn link previews on or off for the whole server (MANAGE_GUILD)",
        params: GuildParams,
        body: LinkPreviewSettingsSchema,
        response: { 200: LinkPreviewSettingsSchema, ...errors },
      },
    },
    async (request) => linkPreviewSettings.setForGuild(actor(request).userId, request.params.guild_id, request.body),
  );
}
