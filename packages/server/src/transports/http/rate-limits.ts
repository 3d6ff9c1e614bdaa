/**
 * Rate limits: per IP on every request (onRequest), a tighter budget per IP shared by the credential routes (login,
 * register, refresh, recovery), and per user on signed-in routes (checked after authentication, so the key is the user).
 * Counters live in memory (lite) or in Redis when it is configured, so every node counts against the same budgets.
 */
import rateLimit from "@fastify/rate-limit";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  preHandlerHookHandler,
} from "fastify";
import type { Redis } from "ioredis";
import type { Config } from "../../config/config.js";
import { DomainError } from "../../errors.js";

const WINDOW_MS = 60_000;

const rateLimited = (retryAfterSeconds: number) =>
  new DomainError("RATE_LIMITED", "You are being rate limited.", { retryAfter: Math.max(1, retryAfterSeconds) });

export async function installRateLimits(
  app: FastifyInstance,
  config: Config["rateLimits"],
  redisSettings: Config["redis"],
): Promise<void> {
  const redis = config.enabled && redisSettings.url ? await sharedCounters(app, redisSettings.url) : undefined;
  await app.register(rateLimit, {
    global: config.enabled,
    ...(redis && { redis, nameSpace: `${redisSettings.prefix}rate:`, skipOnError: true }),
    max: config.ipPerMinute,
    timeWindow: WINDOW_MS,
    enableDraftSpec: true,
    keyGenerator: (request) => `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => rateLimited(Math.ceil(context.ttl / 1000)),
  });
}

/**
 * The Redis connection for counters. It fails fast instead of queueing while Redis is away, and the limits then let
 * requests through (skipOnError): an outage of the counters must not become an outage of the API.
 */
async function sharedCounters(app: FastifyInstance, url: string): Promise<Redis> {
  // ioredis is loaded only when Redis is configured: a lite server never needs it.
  const { Redis } = await import("ioredis");
  const redis = new Redis(url, {
    connectionName: "nexus-rate-limits",
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  redis.on("error", (error: Error) => app.log.warn({ err: error }, "Redis rate-limit counters unavailable"));
  app.addHook("onClose", async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  return redis;
}

/**
 * Route options for anonymous credential routes (login, register, refresh, recovery, reset): one budget per IP
 * shared by all of them, checked in onRequest, in place of the general per-IP limit.
 */
export function credentialRateLimit(
  app: FastifyInstance,
  config: Config["rateLimits"],
): { config: { rateLimit: false }; onRequest: onRequestHookHandler[] } {
  if (!config.enabled) return { config: { rateLimit: false }, onRequest: [] };
  return {
    config: { rateLimit: false },
    onRequest: [sharedLimit(app, config, config.authPerMinute, "auth", (request) => request.ip)],
  };
}

/**
 * A limit as a hook of our own. The plugin's handlers stop at the first limit a request meets and keep one counter
 * per route, so these count by themselves (one counter per server and prefix) and show their headers whenever they
 * are the closer limit.
 */
function limiter(app: FastifyInstance, max: number, prefix: string, key: (request: FastifyRequest) => string) {
  const count = app.createRateLimit({
    max,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `${prefix}:${key(request)}`,
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
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

type Limiter = ReturnType<typeof limiter>;
const limiters = new WeakMap<Config["rateLimits"], Map<string, Limiter>>();

/** One limiter per server (its config object) and prefix, so every route group counts against the same budget. */
function sharedLimit(
  app: FastifyInstance,
  config: Config["rateLimits"],
  max: number,
  prefix: string,
  key: (request: FastifyRequest) => string = (request) => request.auth?.userId ?? request.ip,
): Limiter {
  let byPrefix = limiters.get(config);
  if (!byPrefix) {
    byPrefix = new Map();
    limiters.set(config, byPrefix);
  }
  let limit = byPrefix.get(prefix);
  if (!limit) {
    limit = limiter(app, max, prefix, key);
    byPrefix.set(prefix, limit);
  }
  return limit;
}

/** The per-user limit for signed-in routes; put it after `api.authenticate`. */
export function userRateLimit(app: FastifyInstance, config: Config["rateLimits"]): preHandlerHookHandler | undefined {
  return config.enabled ? sharedLimit(app, config, config.userPerMinute, "user") : undefined;
}

/**
 * The credential limit for signed-in routes that check a password or code (password change, two-factor, account
 * deletion), per user so guessing cannot be spread across addresses; put it after `userRateLimit`.
 */
export function userCredentialRateLimit(
  app: FastifyInstance,
  config: Config["rateLimits"],
): preHandlerHookHandler | undefined {
  return config.enabled ? sharedLimit(app, config, config.authPerMinute, "auth-user") : undefined;
}
