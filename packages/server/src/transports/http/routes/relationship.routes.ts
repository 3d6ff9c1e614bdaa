/** /users/@me/relationships and /users/@me/privacy: friends, requests, blocks and who may DM you. */
import {
  ErrorBodySchema,
  FriendRequestByNameSchema,
  PrivacySettingsSchema,
  PutRelationshipSchema,
  RelationshipSchema,
  SnowflakeSchema,
  UpdatePrivacySettingsSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export function registerRelationshipRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { relationships } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["relationships"];
  const security = [{ bearer: [] }];
  const params = z.object({ user_id: SnowflakeSchema });
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

  api.get(
    "/users/@me/relationships",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Your friends, pending requests and blocks",
        response: { 200: z.array(RelationshipSchema), 401: ErrorBodySchema },
      },
    },
    async (request) => relationships.list(actor(request).userId),
  );

  api.post(
    "/users/@me/relationships",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Send a friend request by username",
        body: FriendRequestByNameSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await relationships.requestByUsername(actor(request).userId, request.body.username);
      return reply.status(204).send(null);
    },
  );

  api.put(
    "/users/@me/relationships/:user_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Send or accept a friend request, or block the user",
        params,
        body: PutRelationshipSchema.optional(),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const me = actor(request).userId;
      if (request.body?.type === "blocked") await relationships.block(me, request.params.user_id);
      else await relationships.befriend(me, request.params.user_id);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    "/users/@me/relationships/:user_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Remove a friend, cancel or decline a request, or unblock",
        params,
        response: { 204: z.null(), 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await relationships.remove(actor(request).userId, request.params.user_id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/users/@me/privacy",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Who may DM you",
        response: { 200: PrivacySettingsSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => relationships.getPrivacy(actor(request).userId),
  );

  api.patch(
    "/users/@me/privacy",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Change who may DM you",
        body: UpdatePrivacySettingsSchema,
        response: { 200: PrivacySettingsSchema, 400: ErrorBodySchema },
      },
    },
    async (request) => relationships.updatePrivacy(actor(request).userId, request.body),
  );
}
