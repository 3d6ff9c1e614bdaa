/** Invites: create, preview (no sign-in needed), join, list per guild, revoke. */
import {
  CreateInviteSchema,
  ErrorBodySchema,
  GuildSchema,
  InviteCodeSchema,
  InvitePreviewSchema,
  InviteSchema,
  SnowflakeSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { auditActor } from "../audit-reason.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

const CodeParams = z.object({ code: InviteCodeSchema });

export function registerInviteRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { invites } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["invites"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

  api.post(
    "/channels/:channel_id/invites",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Create an invite to the channel's server (CREATE_INVITE)",
        params: z.object({ channel_id: SnowflakeSchema }),
        body: CreateInviteSchema,
        response: { 201: InviteSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await invites.create(auditActor(request), request.params.channel_id, request.body)),
  );

  api.get(
    "/channels/:channel_id/invites",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "The channel's invites that still work (MANAGE_CHANNELS in the channel)",
        params: z.object({ channel_id: SnowflakeSchema }),
        response: { 200: z.array(InviteSchema), ...errors },
      },
    },
    async (request) => invites.listForChannel(actor(request).userId, request.params.channel_id),
  );

  api.get(
    "/invites/:code",
    {
      schema: {
        tags,
        summary: "Preview an invite without signing in: server, channel, member and online counts",
        params: CodeParams,
        response: { 200: InvitePreviewSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => invites.preview(request.params.code),
  );

  api.post(
    "/invites/:code",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Join the server with an invite (refused if banned, expired or used up)",
        params: CodeParams,
        response: { 200: GuildSchema, ...errors },
      },
    },
    async (request) => invites.accept(actor(request).userId, request.params.code),
  );

  api.delete(
    "/invites/:code",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Revoke an invite (MANAGE_GUILD, or MANAGE_CHANNELS in its channel)",
        params: CodeParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await invites.revoke(auditActor(request), request.params.code);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/guilds/:guild_id/invites",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "The server's invites that still work (MANAGE_GUILD)",
        params: z.object({ guild_id: SnowflakeSchema }),
        response: { 200: z.array(InviteSchema), ...errors },
      },
    },
    async (request) => invites.listForGuild(actor(request).userId, request.params.guild_id),
  );
}
