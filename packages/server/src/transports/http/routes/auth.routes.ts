/** /auth: register, log in, refresh, log out, and the two ways back into an account with a forgotten password. */
import {
  AuthResultSchema,
  ErrorBodySchema,
  LoginSchema,
  PasswordResetAcceptedSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  RecoverAccountSchema,
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
  const { auth, sessions, passwords } = services;
  const credentials = credentialRateLimit(api, config.rateLimits);
  const signedIn = [api.authenticate, userRateLimit(api, config.rateLimits)].filter((h) => h !== undefined);
  const tags = ["auth"];
  const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 429: ErrorBodySchema };

  api.post(
    "/auth/register",
    {
      ...credentials,
      schema: {
        tags,
        summary: "Create an account",
        body: RegisterSchema,
        response: { 201: RegisterResultSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await auth.register(request.body, clientInfo(request))),
  );

  api.post(
    "/auth/login",
    {
      ...credentials,
      schema: {
        tags,
        summary: "Log in (send totp_code too when the account has two-factor on)",
        body: LoginSchema,
        response: { 200: AuthResultSchema, ...errors },
      },
    },
    async (request) => auth.login(request.body, clientInfo(request)),
  );

  api.post(
    "/auth/refresh",
    {
      ...credentials,
      schema: {
        tags,
        summary: "Exchange a refresh token for a new pair (each refresh token works once)",
        body: RefreshSchema,
        response: { 200: TokenPairSchema, ...errors },
      },
    },
    async (request) => sessions.refresh(request.body.refresh_token, clientInfo(request)),
  );

  api.post(
    "/auth/logout",
    {
      preHandler: signedIn,
      schema: {
        tags,
        summary: "End this session",
        security: [{ bearer: [] }],
        response: { 204: z.null(), 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await auth.logout(actor(request));
      return reply.status(204).send(null);
    },
  );

  api.post(
    "/auth/recover",
    {
      ...credentials,
      schema: {
        tags,
        summary: "Set a new password with a one-time recovery code; signs out every session and starts a new one",
        body: RecoverAccountSchema,
        response: { 200: AuthResultSchema, ...errors },
      },
    },
    async (request) => passwords.recover(request.body, clientInfo(request)),
  );

  api.post(
    "/auth/password-reset/request",
    {
      ...credentials,
      schema: {
        tags,
        summary: "Email a password-reset link (only on servers with SMTP; same answer whether or not anyone matched)",
        body: PasswordResetRequestSchema,
        response: {
          202: PasswordResetAcceptedSchema,
          400: ErrorBodySchema,
          404: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => reply.status(202).send(await passwords.requestReset(request.body)),
  );

  api.post(
    "/auth/password-reset/confirm",
    {
      ...credentials,
      schema: {
        tags,
        summary: "Set a new password with the token from a reset email; signs out every session",
        body: PasswordResetConfirmSchema,
        response: { 204: z.null(), 400: ErrorBodySchema, 404: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await passwords.confirmReset(request.body);
      return reply.status(204).send(null);
    },
  );
}
