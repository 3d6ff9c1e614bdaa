/** Rate limits: per IP on every request, per user on authenticated routes, tighter on credential routes. */
import rateLimit, { type RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import type { Config } from "../../config/config.js";
import { DomainError } from "../../errors.js";

const rateLimited = (_request: FastifyRequest, context: { ttl: number }) =>
  new DomainError("RATE_LIMITED", "You are being rate limited.", {
    retryAfter: Math.max(1, Math.ceil(context.ttl / 1000)),
  });

export async function installRateLimits(app: FastifyInstance, config: Config["rateLimits"]): Promise<void> {
  await app.register(rateLimit, {
    global: config.enabled,
    max: config.ipPerMinute,
    timeWindow: 60_000,
    enableDraftSpec: true,
    keyGenerator: (request) => `ip:${request.ip}`,
    errorResponseBuilder: rateLimited,
  });
}

/** The per-user limit, applied after authentication so the key is the user, not the address. */
export function userRateLimit(app: FastifyInstance, config: Config["rateLimits"]): preHandlerHookHandler | undefined {
  if (!config.enabled) return undefined;
  return app.rateLimit({
    max: config.userPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `user:${request.auth?.userId ?? request.ip}`,
    errorResponseBuilder: rateLimited,
  });
}

/** Route config for login, register, refresh and recovery: few attempts per IP per minute. */
export function credentialRateLimit(config: Config["rateLimits"]): { rateLimit: RateLimitOptions | false } {
  if (!config.enabled) return { rateLimit: false };
  return {
    rateLimit: { max: config.authPerMinute, timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => `auth:${r.ip}` },
  };
}
