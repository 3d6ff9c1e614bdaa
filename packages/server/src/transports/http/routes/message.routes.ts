/** /channels/{id}/messages: send, read history, edit, delete, bulk delete and ack. */
import {
  AckMessageSchema,
  BulkDeleteSchema,
  CreateMessageSchema,
  EditMessageSchema,
  ErrorBodySchema,
  HistoryQuerySchema,
  MessageSchema,
  ReadStateSchema,
  SnowflakeSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export const ChannelParams = z.object({ channel_id: SnowflakeSchema });
export const MessageParams = z.object({ channel_id: SnowflakeSchema, message_id: SnowflakeSchema });

export function registerMessageRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { messages, readStates } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["messages"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

  api.post(
    "/channels/:channel_id/messages",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Send a message",
        description:
          "201 with the new message. With a nonce already used by you in this channel within 10 minutes: 200 with " +
          "the first message, and nothing is dispatched again. 429 with retry_after under slowmode.",
        params: ChannelParams,
        body: CreateMessageSchema,
        response: { 201: MessageSchema, 200: MessageSchema, 429: ErrorBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { message, created } = await messages.send(actor(request).userId, request.params.channel_id, request.body);
      return reply.status(created ? 201 : 200).send(message);
    },
  );

  api.get(
    "/channels/:channel_id/messages",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Read history, newest first",
        description: "At most one of before, after and around (a message id); limit 1-100, default 50.",
        params: ChannelParams,
        querystring: HistoryQuerySchema,
        response: { 200: z.array(MessageSchema), ...errors },
      },
    },
    async (request) => messages.history(actor(request).userId, request.params.channel_id, request.query),
  );

  api.get(
    "/channels/:channel_id/messages/:message_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "One message",
        params: MessageParams,
        response: { 200: MessageSchema, ...errors },
      },
    },
    async (request) => messages.get(actor(request).userId, request.params.channel_id, request.params.message_id),
  );

  api.patch(
    "/channels/:channel_id/messages/:message_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Edit your message",
        params: MessageParams,
        body: EditMessageSchema,
        response: { 200: MessageSchema, ...errors },
      },
    },
    async (request) =>
      messages.edit(actor(request).userId, request.params.channel_id, request.params.message_id, request.body),
  );

  api.delete(
    "/channels/:channel_id/messages/:message_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Delete a message (yours, or any with MANAGE_MESSAGES)",
        params: MessageParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await messages.delete(actor(request).userId, request.params.channel_id, request.params.message_id);
      return reply.status(204).send(null);
    },
  );

  api.post(
    "/channels/:channel_id/messages/bulk-delete",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Delete 2-100 messages at once (MANAGE_MESSAGES)",
        params: ChannelParams,
        body: BulkDeleteSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await messages.bulkDelete(actor(request).userId, request.params.channel_id, request.body.messages);
      return reply.status(204).send(null);
    },
  );

  api.post(
    "/channels/:channel_id/messages/:message_id/ack",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Mark the channel read up to this message (forwards only, unless manual)",
        params: MessageParams,
        body: AckMessageSchema.optional(),
        response: { 200: ReadStateSchema, ...errors },
      },
    },
    async (request) =>
      readStates.ack(actor(request).userId, request.params.channel_id, request.params.message_id, request.body ?? {}),
  );
}
