/** /users: your own account and other people's public profiles. */
import {
  CurrentUserSchema,
  DeleteAccountSchema,
  ErrorBodySchema,
  PublicUserSchema,
  SnowflakeSchema,
  UpdateCurrentUserSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userCredentialRateLimit, userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export function registerUserRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { users, messages } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["users"];
  const security = [{ bearer: [] }];

  api.get(
    "/users/@me",
    {
      preHandler,
      schema: { tags, security, summary: "Your account", response: { 200: CurrentUserSchema, 401: ErrorBodySchema } },
    },
    async (request) => users.getCurrent(actor(request).userId),
  );

  api.patch(
    "/users/@me",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Edit your profile",
        body: UpdateCurrentUserSchema,
        response: { 200: CurrentUserSchema, 400: ErrorBodySchema, 401: ErrorBodySchema },
      },
    },
    async (request) => users.updateCurrent(actor(request).userId, request.body),
  );

  api.delete(
    "/users/@me",
    {
      preHandler: [...preHandler, userCredentialRateLimit(api, config.rateLimits)].filter((h) => h !== undefined),
      schema: {
        tags,
        security,
        summary:
          "Delete your account: personal data is erased, every session ends, the username becomes free; delete_messages also deletes every message you wrote. 409 OWNS_GUILDS while you own a server",
        body: DeleteAccountSchema,
        response: {
          204: z.null(),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          409: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const userId = actor(request).userId;
      await users.deleteCurrent(userId, request.body.password, request.body.totp_code);
      // After the identity check and erasure succeeded: a wrong password must not cost anyone their messages.
      if (request.body.delete_messages) await messages.deleteAllByAuthor(userId);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/users/:user_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "A user's public profile",
        params: z.object({ user_id: SnowflakeSchema }),
        response: { 200: PublicUserSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => users.getPublic(request.params.user_id),
  );
}
