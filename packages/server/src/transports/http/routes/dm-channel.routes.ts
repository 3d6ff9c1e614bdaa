/** Direct messages: open 1:1 DMs, create and manage group DMs, leave them. */
import {
  CreateDmSchema,
  DmChannelSchema,
  ErrorBodySchema,
  SnowflakeSchema,
  UpdateGroupDmSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";
import { ChannelParams } from "./message.routes.js";

export function registerDmChannelRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { dmChannels } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["direct messages"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
  const RecipientParams = ChannelParams.extend({ user_id: SnowflakeSchema });

  api.get(
    "/users/@me/channels",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Your DM channels, most recently active first",
        response: { 200: z.array(DmChannelSchema), 401: ErrorBodySchema },
      },
    },
    async (request) => dmChannels.list(actor(request).userId),
  );

  api.post(
    "/users/@me/channels",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Open a DM or create a group DM",
        description:
          "{recipient_id}: the 1:1 DM with that user (200 if it already existed, 201 if new). {recipient_ids, name?}: " +
          "a new group DM (at most 10 members including you). Refused (403 CANNOT_MESSAGE_USER) if either side " +
          "blocked the other or a recipient's DM privacy setting does not admit you.",
        body: CreateDmSchema,
        response: { 201: DmChannelSchema, 200: DmChannelSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { channel, created } = await dmChannels.open(actor(request).userId, request.body);
      return reply.status(created ? 201 : 200).send(channel);
    },
  );

  api.patch(
    "/users/@me/channels/:channel_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Rename a group DM",
        params: ChannelParams,
        body: UpdateGroupDmSchema,
        response: { 200: DmChannelSchema, ...errors },
      },
    },
    async (request) => dmChannels.rename(actor(request).userId, request.params.channel_id, request.body.name ?? null),
  );

  api.delete(
    "/users/@me/channels/:channel_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Leave a group DM",
        params: ChannelParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await dmChannels.leave(actor(request).userId, request.params.channel_id);
      return reply.status(204).send(null);
    },
  );

  api.put(
    "/channels/:channel_id/recipients/:user_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Add someone to your group DM (owner only)",
        params: RecipientParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await dmChannels.addRecipient(actor(request).userId, request.params.channel_id, request.params.user_id);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    "/channels/:channel_id/recipients/:user_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Remove someone from your group DM (owner), or yourself",
        params: RecipientParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await dmChannels.removeRecipient(actor(request).userId, request.params.channel_id, request.params.user_id);
      return reply.status(204).send(null);
    },
  );
}
