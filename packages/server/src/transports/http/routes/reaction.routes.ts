/** Reactions on messages and pins in channels. */
import {
  ErrorBodySchema,
  MessageSchema,
  PublicUserSchema,
  ReactionUsersQuerySchema,
  SnowflakeSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";
import { ChannelParams, MessageParams } from "./message.routes.js";

const EmojiParams = MessageParams.extend({ emoji: z.string().min(1).max(64).describe("A Unicode emoji, URL-encoded") });

export function registerReactionRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { reactions, pins } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
  const noContent = { 204: z.null(), ...errors };
  const base = "/channels/:channel_id/messages/:message_id/reactions";

  api.put(
    `${base}/:emoji/@me`,
    {
      preHandler,
      schema: { tags: ["reactions"], security, summary: "React", params: EmojiParams, response: noContent },
    },
    async (request, reply) => {
      const { channel_id, message_id, emoji } = request.params;
      await reactions.add(actor(request).userId, channel_id, message_id, emoji);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    `${base}/:emoji/@me`,
    {
      preHandler,
      schema: {
        tags: ["reactions"],
        security,
        summary: "Remove your reaction",
        params: EmojiParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      const { channel_id, message_id, emoji } = request.params;
      await reactions.removeOwn(actor(request).userId, channel_id, message_id, emoji);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    `${base}/:emoji/:user_id`,
    {
      preHandler,
      schema: {
        tags: ["reactions"],
        security,
        summary: "Remove someone's reaction (MANAGE_MESSAGES)",
        params: EmojiParams.extend({ user_id: SnowflakeSchema }),
        response: noContent,
      },
    },
    async (request, reply) => {
      const { channel_id, message_id, emoji, user_id } = request.params;
      await reactions.removeUser(actor(request).userId, channel_id, message_id, emoji, user_id);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    base,
    {
      preHandler,
      schema: {
        tags: ["reactions"],
        security,
        summary: "Remove every reaction (MANAGE_MESSAGES)",
        params: MessageParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await reactions.removeAll(actor(request).userId, request.params.channel_id, request.params.message_id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    `${base}/:emoji`,
    {
      preHandler,
      schema: {
        tags: ["reactions"],
        security,
        summary: "Who reacted with this emoji, by user id",
        params: EmojiParams,
        querystring: ReactionUsersQuerySchema,
        response: { 200: z.array(PublicUserSchema), ...errors },
      },
    },
    async (request) => {
      const { channel_id, message_id, emoji } = request.params;
      return reactions.users(actor(request).userId, channel_id, message_id, emoji, request.query);
    },
  );

  api.get(
    "/channels/:channel_id/pins",
    {
      preHandler,
      schema: {
        tags: ["pins"],
        security,
        summary: "Pinned messages, most recently pinned first",
        params: ChannelParams,
        response: { 200: z.array(MessageSchema), ...errors },
      },
    },
    async (request) => pins.list(actor(request).userId, request.params.channel_id),
  );

  const pinParams = z.object({ channel_id: SnowflakeSchema, message_id: SnowflakeSchema });
  api.put(
    "/channels/:channel_id/pins/:message_id",
    {
      preHandler,
      schema: {
        tags: ["pins"],
        security,
        summary: "Pin (MANAGE_MESSAGES; 250 per channel)",
        params: pinParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await pins.pin(actor(request).userId, request.params.channel_id, request.params.message_id);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    "/channels/:channel_id/pins/:message_id",
    {
      preHandler,
      schema: { tags: ["pins"], security, summary: "Unpin (MANAGE_MESSAGES)", params: pinParams, response: noContent },
    },
    async (request, reply) => {
      await pins.unpin(actor(request).userId, request.params.channel_id, request.params.message_id);
      return reply.status(204).send(null);
    },
  );
}
