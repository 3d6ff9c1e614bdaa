/** Picks the bus driver the configuration names: Redis when redis.url is set, in-process otherwise. */
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import type { Bus } from "./bus.js";
import { MemoryBus } from "./memory-bus.js";
import { RedisBus } from "./redis-bus.js";

export function openBus(config: Pick<Config, "redis" | "gateway">, logger: Logger): Bus {
  const { url, prefix } = config.redis;
  if (!url) return new MemoryBus();
  // The log must reach back past a session's last checkpoint for as long as the session may be resumed.
  const logRetentionMs = config.gateway.resumeWindowMs + 60_000;
  return new RedisBus({ url, prefix, logRetentionMs, logger: logger.child({ component: "bus" }) });
}
