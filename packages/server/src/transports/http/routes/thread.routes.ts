/** Threads: start, read, update, delete, membership and listings. */
import {
  ArchivedThreadsQuerySchema,
  ErrorBodySchema,
  SnowflakeSchema,
  StartThreadFromMessageSchema,
  StartThreadSchema,
  ThreadListSchema,
  ThreadMemberSchema,
  ThreadSchema,
  UpdateThreadSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";
import { ChannelParams, MessageParams } from "./message.routes.js";

export function registerThreadRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { threads } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["threads"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
  const ThreadParams = z.object({ thread_id: SnowflakeSchema });
  const MemberParams = ThreadParams.extend({ user_id: SnowflakeSchema });
  const noContent = { 204: z.null(), ...errors };

  api.post(
    "/channels/:channel_id/threads",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Start a thread (CREATE_THREADS); in a forum channel, a post with its first message",
        params: ChannelParams,
        body: StartThreadSchema,
        response: { 201: ThreadSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await threads.start(actor(request).userId, request.params.channel_id, request.body)),
  );

  api.post(
    "/channels/:channel_id/messages/:message_id/threads",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Start a thread from a message (CREATE_THREADS)",
        params: MessageParams,
        body: StartThreadFromMessageSchema,
        response: { 201: ThreadSchema, 409: ErrorBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { channel_id, message_id } = request.params;
      const thread = await threads.startFromMessage(actor(request).userId, channel_id, message_id, request.body);
      return reply.status(201).send(thread);
    },
  );

  api.get(
    "/threads/:thread_id",
    {
      preHandler,
      schema: { tags, security, summary: "A thread", params: ThreadParams, response: { 200: ThreadSchema, ...errors } },
    },
    async (request) => threads.get(actor(request).userId, request.params.thread_id),
  );

  api.patch(
    "/threads/:thread_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Rename, archive, lock or change auto-archive (owner, or MANAGE_THREADS; locking needs it)",
        params: ThreadParams,
        body: UpdateThreadSchema,
        response: { 200: ThreadSchema, ...errors },
      },
    },
    async (request) => threads.update(actor(request).userId, request.params.thread_id, request.body),
  );

  api.delete(
    "/threads/:thread_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Delete a thread (MANAGE_THREADS)",
        params: ThreadParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await threads.delete(actor(request).userId, request.params.thread_id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/threads/:thread_id/members",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Thread members, by user id",
        params: ThreadParams,
        querystring: z.object({
          after: SnowflakeSchema.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(100),
        }),
        response: { 200: z.array(ThreadMemberSchema), ...errors },
      },
    },
    async (request) => threads.members(actor(request).userId, request.params.thread_id, request.query),
  );

  api.put(
    "/threads/:thread_id/members/@me",
    { preHandler, schema: { tags, security, summary: "Join a thread", params: ThreadParams, response: noContent } },
    async (request, reply) => {
      await threads.join(actor(request).userId, request.params.thread_id);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    "/threads/:thread_id/members/@me",
    { preHandler, schema: { tags, security, summary: "Leave a thread", params: ThreadParams, response: noContent } },
    async (request, reply) => {
      await threads.leave(actor(request).userId, request.params.thread_id);
      return reply.status(204).send(null);
    },
  );

  api.put(
    "/threads/:thread_id/members/:user_id",
    {
      preHandler,
      schema: { tags, security, summary: "Add someone to a thread", params: MemberParams, response: noContent },
    },
    async (request, reply) => {
      await threads.addOther(actor(request).userId, request.params.thread_id, request.params.user_id);
      return reply.status(204).send(null);
    },
  );

  api.delete(
    "/threads/:thread_id/members/:user_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Remove someone from a thread (MANAGE_THREADS)",
        params: MemberParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await threads.removeOther(actor(request).userId, request.params.thread_id, request.params.user_id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/guilds/:guild_id/threads/active",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Active threads in channels you can see",
        params: z.object({ guild_id: SnowflakeSchema }),
        response: { 200: z.array(ThreadSchema), ...errors },
      },
    },
    async (request) => threads.active(actor(request).userId, request.params.guild_id),
  );

  api.get(
    "/channels/:channel_id/threads/archived",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Archived threads of a channel, most recently archived first",
        params: ChannelParams,
        querystring: ArchivedThreadsQuerySchema,
        response: { 200: ThreadListSchema, ...errors },
      },
    },
    async (request) => threads.archived(actor(request).userId, request.params.channel_id, request.query),
  );
}
