/** Message search (guild-wide or across your DMs) and personal data export. */
import {
  ErrorBodySchema,
  ExportTicketSchema,
  SearchQuerySchema,
  SearchResultSchema,
  SnowflakeSchema,
} from "@nexus/protocol";
import { z } from "zod";
import { API_PREFIX, type AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

const SEARCH_DESCRIPTION =
  "Only messages in channels you can read now. Ranked by relevance (among the 500 most recent matches) with " +
  "recency breaking ties; without content, newest first. total_results is exact up to 500 matches and an " +
  "estimate beyond.";

export function registerSearchRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { search, dataExports } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema };

  api.get(
    "/guilds/:guild_id/messages/search",
    {
      preHandler,
      schema: {
        tags: ["search"],
        security,
        summary: "Search a server's messages",
        description: SEARCH_DESCRIPTION,
        params: z.object({ guild_id: SnowflakeSchema }),
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...errors },
      },
    },
    async (request) => search.inGuild(actor(request).userId, request.params.guild_id, request.query),
  );

  api.get(
    "/users/@me/messages/search",
    {
      preHandler,
      schema: {
        tags: ["search"],
        security,
        summary: "Search your direct messages",
        description: SEARCH_DESCRIPTION,
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...errors },
      },
    },
    async (request) => search.inDms(actor(request).userId, request.query),
  );

  api.post(
    "/users/@me/export",
    {
      preHandler,
      schema: {
        tags: ["users"],
        security,
        summary: "Export your data (account, messages, memberships, DMs, your files) as a zip archive",
        response: { 201: ExportTicketSchema, 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { id, expires_at } = await dataExports.create(actor(request).userId);
      return reply.status(201).send({ id, url: `${API_PREFIX}/users/@me/exports/${id}`, expires_at });
    },
  );

  api.get(
    "/users/@me/exports/:export_id",
    {
      preHandler,
      schema: {
        tags: ["users"],
        security,
        summary: "Download an export you made (kept for 7 days): a zip with nexus-export.json and files/",
        params: z.object({ export_id: SnowflakeSchema }),
        response: { 200: z.unknown().describe("application/zip: the DataExport JSON and your files"), ...errors },
      },
    },
    async (request, reply) => {
      const archive = await dataExports.download(actor(request).userId, request.params.export_id);
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename="nexus-export-${request.params.export_id}.zip"`)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(archive);
    },
  );
}
