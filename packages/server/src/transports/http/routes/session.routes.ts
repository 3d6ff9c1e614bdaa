/** /auth/sessions: the signed-in devices of your account, and signing them out. */
import { ErrorBodySchema, RevokedSessionsSchema, SessionListSchema, SnowflakeSchema } from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export function registerSessionRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { sessions } = services;
  const preHandler = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["auth"];
  const security = [{ bearer: [] }];

  api.get(
    "/auth/sessions",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Your sessions, most recently used first (the one making this request has current: true)",
        response: { 200: SessionListSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => sessions.list(actor(request)),
  );

  api.post(
    "/auth/sessions/revoke-others",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Sign out every session except the one making this request",
        response: { 200: RevokedSessionsSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => {
      const me = actor(request);
      return { revoked: await sessions.revokeAll(me.userId, me.sessionId) };
    },
  );

  api.delete(
    "/auth/sessions/:session_id",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Sign out one of your sessions (the current one too, like logout)",
        params: z.object({ session_id: SnowflakeSchema }),
        response: { 204: z.null(), 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await sessions.revoke(actor(request).userId, request.params.session_id);
      return reply.status(204).send(null);
    },
  );
}
