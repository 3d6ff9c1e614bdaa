/** Guild members, their roles, kicks and bans. */
import {
  BanSchema,
  CreateBanSchema,
  ErrorBodySchema,
  ListBansQuerySchema,
  ListMembersQuerySchema,
  MemberSchema,
  SnowflakeSchema,
  UpdateMemberSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { auditActor } from "../audit-reason.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

const GuildParams = z.object({ guild_id: SnowflakeSchema });
const MemberParams = z.object({ guild_id: SnowflakeSchema, user_id: SnowflakeSchema });
const MemberRoleParams = MemberParams.extend({ role_id: SnowflakeSchema });

export function registerMemberRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { members, bans } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["members"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
  const noContent = { 204: z.null(), ...errors };

  api.get(
    "/guilds/:guild_id/members",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Members ordered by user id (page with after)",
        params: GuildParams,
        querystring: ListMembersQuerySchema,
        response: { 200: z.array(MemberSchema), ...errors },
      },
    },
    async (request) =>
      members.list(actor(request).userId, request.params.guild_id, request.query.after, request.query.limit),
  );

  api.get(
    "/guilds/:guild_id/members/:user_id",
    {
      preHandler,
      schema: { tags, security, summary: "A member", params: MemberParams, response: { 200: MemberSchema, ...errors } },
    },
    async (request) => members.get(actor(request).userId, request.params.guild_id, request.params.user_id),
  );

  api.patch(
    "/guilds/:guild_id/members/:user_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Edit a member: nickname, roles, timeout (see the permission rules in docs/protocol/permissions.md)",
        params: MemberParams,
        body: UpdateMemberSchema,
        response: { 200: MemberSchema, ...errors },
      },
    },
    async (request) =>
      members.update(auditActor(request), request.params.guild_id, request.params.user_id, request.body),
  );

  api.delete(
    "/guilds/:guild_id/members/:user_id",
    {
      preHandler,
      schema: { tags, security, summary: "Kick a member (KICK_MEMBERS)", params: MemberParams, response: noContent },
    },
    async (request, reply) => {
      await members.kick(auditActor(request), request.params.guild_id, request.params.user_id);
      return reply.status(204).send(null);
    },
  );

  api.put(
    "/guilds/:guild_id/members/:user_id/roles/:role_id",
    {
      preHandler,
      schema: {
        tags: ["roles"],
        security,
        summary: "Give a member a role below your highest (MANAGE_ROLES)",
        params: MemberRoleParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      const { guild_id, user_id, role_id } = request.params;
      await members.addRole(auditActor(request), guild_id, user_id, role_id);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    "/guilds/:guild_id/members/:user_id/roles/:role_id",
    {
      preHandler,
      schema: {
        tags: ["roles"],
        security,
        summary: "Take a role below your highest from a member (MANAGE_ROLES)",
        params: MemberRoleParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      const { guild_id, user_id, role_id } = request.params;
      await members.removeRole(auditActor(request), guild_id, user_id, role_id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/guilds/:guild_id/bans",
    {
      preHandler,
      schema: {
        tags: ["bans"],
        security,
        summary: "Banned users ordered by user id (BAN_MEMBERS)",
        params: GuildParams,
        querystring: ListBansQuerySchema,
        response: { 200: z.array(BanSchema), ...errors },
      },
    },
    async (request) =>
      bans.list(actor(request).userId, request.params.guild_id, request.query.after, request.query.limit),
  );

  api.get(
    "/guilds/:guild_id/bans/:user_id",
    {
      preHandler,
      schema: {
        tags: ["bans"],
        security,
        summary: "One ban (BAN_MEMBERS)",
        params: MemberParams,
        response: { 200: BanSchema, ...errors },
      },
    },
    async (request) => bans.get(actor(request).userId, request.params.guild_id, request.params.user_id),
  );

  api.put(
    "/guilds/:guild_id/bans/:user_id",
    {
      preHandler,
      schema: {
        tags: ["bans"],
        security,
        summary: "Ban a user, removing them if they are a member (BAN_MEMBERS)",
        params: MemberParams,
        body: CreateBanSchema,
        response: { 200: BanSchema, ...errors },
      },
    },
    async (request) => bans.ban(auditActor(request), request.params.guild_id, request.params.user_id, request.body),
  );

  api.delete(
    "/guilds/:guild_id/bans/:user_id",
    {
      preHandler,
      schema: {
        tags: ["bans"],
        security,
        summary: "Lift a ban (BAN_MEMBERS)",
        params: MemberParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await bans.unban(auditActor(request), request.params.guild_id, request.params.user_id);
      return reply.status(204).send(null);
    },
  );
}
