/** /users/@me security: password change, TOTP two-factor, recovery codes. Each re-checks a password or a code. */
import {
  ChangePasswordSchema,
  CurrentUserSchema,
  ErrorBodySchema,
  PasswordConfirmationSchema,
  RecoveryCodesSchema,
  TotpCodeBodySchema,
  TotpDisableSchema,
  TotpEnrollmentSchema,
} from "@nexus/protocol";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { actor } from "../authenticate.js";
import { userCredentialRateLimit, userRateLimit } from "../rate-limits.js";
import type { ZodApp } from "../types.js";

export function registerAccountSecurityRoutes(api: ZodApp, { services, config }: AppDeps): void {
  const { passwords, twoFactor } = services;
  const preHandler = [
    api.authenticate,
    userRateLimit(api, config.rateLimits),
    userCredentialRateLimit(api, config.rateLimits),
  ].filter((h) => h !== undefined);
  const tags = ["users"];
  const security = [{ bearer: [] }];
  const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 429: ErrorBodySchema };

  api.post(
    "/users/@me/password",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Change your password; every other session is signed out",
        body: ChangePasswordSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await passwords.change(actor(request), request.body.current_password, request.body.new_password);
      return reply.status(204).send(null);
    },
  );

  api.post(
    "/users/@me/totp/enroll",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Start two-factor setup: a new secret and otpauth:// URI (two-factor stays off until confirmed)",
        body: PasswordConfirmationSchema,
        response: { 200: TotpEnrollmentSchema, ...errors, 409: ErrorBodySchema },
      },
    },
    async (request) => twoFactor.enroll(actor(request).userId, request.body.password),
  );

  api.post(
    "/users/@me/totp/confirm",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Turn two-factor on with a code from the enrolled secret",
        body: TotpCodeBodySchema,
        response: { 200: CurrentUserSchema, ...errors, 409: ErrorBodySchema },
      },
    },
    async (request) => twoFactor.confirm(actor(request).userId, request.body.code),
  );

  api.post(
    "/users/@me/totp/disable",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Turn two-factor off with a TOTP code or a recovery code",
        body: TotpDisableSchema,
        response: { 200: CurrentUserSchema, ...errors, 409: ErrorBodySchema },
      },
    },
    async (request) => twoFactor.disable(actor(request).userId, request.body.code),
  );

  api.post(
    "/users/@me/recovery-codes",
    {
      preHandler,
      schema: {
        tags,
        security,
        summary: "Replace all your recovery codes with 10 new ones (shown once)",
        body: PasswordConfirmationSchema,
        response: { 200: RecoveryCodesSchema, ...errors },
      },
    },
    async (request) => ({
      recovery_codes: await twoFactor.regenerateRecoveryCodes(
        actor(request).userId,
        request.body.password,
        request.body.totp_code,
      ),
    }),
  );
}
