/** Guild channels and their permission overwrites. */
import {
  ChannelPositionsSchema,
  ChannelSchema,
  CreateChannelSchema,
  ErrorBodySchema,
  PutOverwriteSchema,
  SnowflakeSchema,
  UpdateChannelSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { auditActor } from "../audit-reason.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

const GuildParams = z.object({ guild_id: SnowflakeSchema });
const ChannelParams = z.object({ channel_id: SnowflakeSchema });
const OverwriteParams = z.object({ channel_id: SnowflakeSchema, target_id: SnowflakeSchema });

export function registerChannelRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { channels, overwrites } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["channels"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

  api.get(
    "/guilds/:guild_id/channels",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "The server's channels you can see",
        params: GuildParams,
        response: { 200: z.array(ChannelSchema), 404: ErrorBodySchema },
      },
    },
    async (request) => channels.list(actor(request).userId, request.params.guild_id),
  );

  api.post(
    "/guilds/:guild_id/channels",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Create a channel (MANAGE_CHANNELS)",
        params: GuildParams,
        body: CreateChannelSchema,
        response: { 201: ChannelSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await channels.create(auditActor(request), request.params.guild_id, request.body)),
  );

  api.patch(
    "/guilds/:guild_id/channels",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Reorder channels, optionally moving them between categories (MANAGE_CHANNELS)",
        params: GuildParams,
        body: ChannelPositionsSchema,
        response: { 200: z.array(ChannelSchema).describe("The channels that changed"), ...errors },
      },
    },
    async (request) => channels.updatePositions(auditActor(request), request.params.guild_id, request.body),
  );

  api.get(
    "/channels/:channel_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "A channel",
        params: ChannelParams,
        response: { 200: ChannelSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => channels.get(actor(request).userId, request.params.channel_id),
  );

  api.patch(
    "/channels/:channel_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Edit a channel (MANAGE_CHANNELS; lock_permissions also needs MANAGE_ROLES)",
        params: ChannelParams,
        body: UpdateChannelSchema,
        response: { 200: ChannelSchema, ...errors },
      },
    },
    async (request) => channels.update(auditActor(request), request.params.channel_id, request.body),
  );

  api.delete(
    "/channels/:channel_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Delete a channel (MANAGE_CHANNELS); a category's channels move out of it",
        params: ChannelParams,
        response: { 200: ChannelSchema, ...errors },
      },
    },
    async (request) => channels.delete(auditActor(request), request.params.channel_id),
  );

  api.put(
    "/channels/:channel_id/permissions/:target_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Set the permission overwrite for a role or member (MANAGE_ROLES in the channel)",
        params: OverwriteParams,
        body: PutOverwriteSchema,
        response: { 200: ChannelSchema, ...errors },
      },
    },
    async (request) =>
      overwrites.put(auditActor(request), request.params.channel_id, request.params.target_id, request.body),
  );

  api.delete(
    "/channels/:channel_id/permissions/:target_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Remove the permission overwrite for a role or member (MANAGE_ROLES in the channel)",
        params: OverwriteParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await overwrites.delete(auditActor(request), request.params.channel_id, request.params.target_id);
      return reply.status(204).send(null);
    },
  );
}
