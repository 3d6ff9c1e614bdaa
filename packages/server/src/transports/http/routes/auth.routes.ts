/** /auth: register, login, refresh, logout. */
import {
  AuthResultSchema,
  ErrorBodySchema,
  LoginSchema,
  RefreshSchema,
  RegisterResultSchema,
  RegisterSchema,
  TokenPairSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor, clientInfo } from "../authenticate.js";
import { credentialRateLimit, userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export function registerAuthRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { auth } = services;
  const credentials = credentialRateLimit(config.rateLimits);
  const signedIn = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["auth"];

  api.post(
    "/auth/register",
    {
      config: credentials,
      schema: {
        tags,
        summary: "Create an account",
        body: RegisterSchema,
        response: { 201: RegisterResultSchema, 400: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await auth.register(request.body, clientInfo(request))),
  );

  api.post(
    "/auth/login",
    {
      config: credentials,
      schema: { tags, summary: "Log in", body: LoginSchema, response: { 200: AuthResultSchema, 401: ErrorBodySchema } },
    },
    async (request) => auth.login(request.body, clientInfo(request)),
  );

  api.post(
    "/auth/refresh",
    {
      config: credentials,
      schema: {
        tags,
        summary: "Exchange a refresh token for a new token pair",
        body: RefreshSchema,
        response: { 200: TokenPairSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => auth.refresh(request.body.refresh_token, clientInfo(request)),
  );

  api.post(
    "/auth/logout",
    {
      preHandler: signedIn,
      schema: { tags, summary: "End this session", security: [{ bearer: [] }], response: { 204: z.null() } },
    },
    async (request, reply) => {
      await auth.logout(actor(request));
      return reply.status(204).send(null);
    },
  );
}
