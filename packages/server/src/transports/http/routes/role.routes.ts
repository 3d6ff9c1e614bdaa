/** Roles of a guild. */
import {
  CreateRoleSchema,
  ErrorBodySchema,
  RolePositionsSchema,
  RoleSchema,
  SnowflakeSchema,
  UpdateRoleSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { auditActor } from "../audit-reason.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

const GuildParams = z.object({ guild_id: SnowflakeSchema });
const RoleParams = z.object({ guild_id: SnowflakeSchema, role_id: SnowflakeSchema });

export function registerRoleRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { roles } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["roles"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

  api.get(
    "/guilds/:guild_id/roles",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "The server's roles",
        params: GuildParams,
        response: { 200: z.array(RoleSchema), 404: ErrorBodySchema },
      },
    },
    async (request) => roles.list(actor(request).userId, request.params.guild_id),
  );

  api.post(
    "/guilds/:guild_id/roles",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Create a role just above @everyone (MANAGE_ROLES; only permissions you have)",
        params: GuildParams,
        body: CreateRoleSchema,
        response: { 201: RoleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await roles.create(auditActor(request), request.params.guild_id, request.body)),
  );

  api.patch(
    "/guilds/:guild_id/roles",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Reorder roles (MANAGE_ROLES; only roles below your highest)",
        params: GuildParams,
        body: RolePositionsSchema,
        response: { 200: z.array(RoleSchema), ...errors },
      },
    },
    async (request) => roles.updatePositions(auditActor(request), request.params.guild_id, request.body),
  );

  api.patch(
    "/guilds/:guild_id/roles/:role_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Edit a role below your highest (MANAGE_ROLES)",
        params: RoleParams,
        body: UpdateRoleSchema,
        response: { 200: RoleSchema, ...errors },
      },
    },
    async (request) => roles.update(auditActor(request), request.params.guild_id, request.params.role_id, request.body),
  );

  api.delete(
    "/guilds/:guild_id/roles/:role_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Delete a role below your highest (MANAGE_ROLES)",
        params: RoleParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await roles.delete(auditActor(request), request.params.guild_id, request.params.role_id);
      return reply.status(204).send(null);
    },
  );
}
