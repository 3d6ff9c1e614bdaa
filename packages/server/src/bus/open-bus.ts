/** Picks the bus driver the configuration names: Redis when redis.url is set, in-process otherwise. */
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import type { Bus } from "./bus.js";
import { MemoryBus } from "./memory-bus.js";

export async function openBus(config: Pick<Config, "redis" | "gateway">, logger: Logger): Promise<Bus> {
  const { url, prefix } = config.redis;
  if (!url) return new MemoryBus();
  // The log must reach back past a session's last checkpoint for as long as the session may be resumed.
  const logRetentionMs = config.gateway.resumeWindowMs + 60_000;
  // Loaded only when Redis is configured, so a lite server's startup never loads ioredis.
  const { RedisBus } = await import("./redis-bus.js");
  return new RedisBus({ url, prefix, logRetentionMs, logger: logger.child({ component: "bus" }) });
}
