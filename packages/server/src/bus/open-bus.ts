/** Picks the bus driver the configuration names: Redis when redis.url is set, in-process otherwise. */
import type { Logger } from "pino";
import type { Bus } from "./bus.js";
import { MemoryBus } from "./memory-bus.js";
import { RedisBus } from "./redis-bus.js";

export function openBus(settings: { url: string; prefix: string }, logger: Logger): Bus {
  if (!settings.url) return new MemoryBus();
  return new RedisBus({ url: settings.url, prefix: settings.prefix, logger: logger.child({ component: "bus" }) });
}
