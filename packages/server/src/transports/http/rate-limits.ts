/**
 * Rate limits: per IP on every request (onRequest), tighter per IP on credential routes (login, register, refresh,
 * recovery), and per user on signed-in routes (checked after authentication, so the key is the user).
 */
import rateLimit, { type RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import type { Config } from "../../config/config.js";
import { DomainError } from "../../errors.js";

const WINDOW_MS = 60_000;

const rateLimited = (retryAfterSeconds: number) =>
  new DomainError("RATE_LIMITED", "You are being rate limited.", { retryAfter: Math.max(1, retryAfterSeconds) });

export async function installRateLimits(app: FastifyInstance, config: Config["rateLimits"]): Promise<void> {
  await app.register(rateLimit, {
    global: config.enabled,
    max: config.ipPerMinute,
    timeWindow: WINDOW_MS,
    enableDraftSpec: true,
    keyGenerator: (request) => `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => rateLimited(Math.ceil(context.ttl / 1000)),
  });
}

/** Route config for credential routes: it replaces the per-IP limit there with a much smaller one. */
export function credentialRateLimit(config: Config["rateLimits"]): { rateLimit: RateLimitOptions | false } {
  if (!config.enabled) return { rateLimit: false };
  return {
    rateLimit: {
      max: config.authPerMinute,
      timeWindow: WINDOW_MS,
      keyGenerator: (r: FastifyRequest) => `auth:${r.ip}`,
    },
  };
}

/**
 * A per-user limit as a preHandler. The plugin's own handlers stop at the first limit a request meets, so this one
 * counts by itself and shows its headers whenever it is the closer of the two limits.
 */
function userLimit(app: FastifyInstance, max: number, prefix: string): preHandlerHookHandler {
  const count = app.createRateLimit({
    max,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `${prefix}:${request.auth?.userId ?? request.ip}`,
  });
  return async (request, reply) => {
    const result = await count(request);
    if (result.isAllowed) return;
    const shown = Number(reply.getHeader("ratelimit-remaining") ?? Number.POSITIVE_INFINITY);
    if (result.isExceeded || result.remaining < shown) {
      reply.header("ratelimit-limit", result.max);
      reply.header("ratelimit-remaining", result.remaining);
      reply.header("ratelimit-reset", result.ttlInSeconds);
    }
    if (result.isExceeded) throw rateLimited(result.ttlInSeconds);
  };
}

const perUserLimits = new WeakMap<Config["rateLimits"], Map<string, preHandlerHookHandler>>();

/** One limiter per server and prefix, so every route group counts against the same per-user budget. */
function sharedUserLimit(app: FastifyInstance, config: Config["rateLimits"], max: number, prefix: string) {
  let limits = perUserLimits.get(config);
  if (!limits) {
    limits = new Map();
    perUserLimits.set(config, limits);
  }
  let limit = limits.get(prefix);
  if (!limit) {
    limit = userLimit(app, max, prefix);
    limits.set(prefix, limit);
  }
  return limit;
}

/** The per-user limit for signed-in routes; put it after `api.authenticate`. */
export function userRateLimit(app: FastifyInstance, config: Config["rateLimits"]): preHandlerHookHandler | undefined {
  return config.enabled ? sharedUserLimit(app, config, config.userPerMinute, "user") : undefined;
}

/**
 * The credential limit for signed-in routes that check a password or code (password change, two-factor, account
 * deletion), per user so guessing cannot be spread across addresses; put it after `userRateLimit`.
 */
export function userCredentialRateLimit(
  app: FastifyInstance,
  config: Config["rateLimits"],
): preHandlerHookHandler | undefined {
  return config.enabled ? sharedUserLimit(app, config, config.authPerMinute, "auth-user") : undefined;
}
