/** /guilds, /users/@me/guilds and /directory: servers, membership of them, and the public directory. */
import {
  CreateGuildSchema,
  DirectoryPageSchema,
  DirectoryQuerySchema,
  ErrorBodySchema,
  GuildSchema,
  GuildSnapshotSchema,
  SnowflakeSchema,
  UpdateGuildSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { auditActor } from "../audit-reason.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

const GuildParams = z.object({ guild_id: SnowflakeSchema });

export function registerGuildRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { guilds, membership } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["guilds"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

  api.post(
    "/guilds",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Create a server (you become its owner; it starts with a category, #general and a voice channel)",
        body: CreateGuildSchema,
        response: { 201: GuildSnapshotSchema, 400: ErrorBodySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await guilds.create(actor(request).userId, request.body)),
  );

  api.get(
    "/users/@me/guilds",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Servers you are a member of",
        response: { 200: z.array(GuildSchema), 401: ErrorBodySchema },
      },
    },
    async (request) => guilds.listMine(actor(request).userId),
  );

  api.delete(
    "/users/@me/guilds/:guild_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Leave a server (the owner must transfer ownership first)",
        params: GuildParams,
        response: { 204: z.null(), 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await membership.leave(request.params.guild_id, actor(request).userId);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/guilds/:guild_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "A server with its roles, the channels you can see and its member count",
        params: GuildParams,
        response: { 200: GuildSnapshotSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => guilds.get(actor(request).userId, request.params.guild_id),
  );

  api.patch(
    "/guilds/:guild_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Edit a server (MANAGE_GUILD); owner_id transfers ownership (owner only)",
        params: GuildParams,
        body: UpdateGuildSchema,
        response: { 200: GuildSchema, ...errors },
      },
    },
    async (request) => guilds.update(auditActor(request), request.params.guild_id, request.body),
  );

  api.delete(
    "/guilds/:guild_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Delete a server (owner only)",
        params: GuildParams,
        response: { 204: z.null(), 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await guilds.delete(actor(request).userId, request.params.guild_id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/directory",
    {
      preHandler,
      schema: {
        tags: ["directory"],
        security,
        summary: "Search listed servers by name and description",
        querystring: DirectoryQuerySchema,
        response: { 200: DirectoryPageSchema, 400: ErrorBodySchema },
      },
    },
    async (request) => guilds.searchDirectory(request.query.query, request.query.limit, request.query.offset),
  );

  api.post(
    "/directory/:guild_id/join",
    {
      preHandler,
      schema: {
        tags: ["directory"],
        security,
        summary: "Join a listed server without an invite",
        params: GuildParams,
        response: { 200: GuildSchema, ...errors },
      },
    },
    async (request) => guilds.joinFromDirectory(actor(request).userId, request.params.guild_id),
  );
}
