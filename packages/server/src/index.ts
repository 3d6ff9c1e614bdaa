export type { Config } from "./config/config.js";
export { ConfigError, loadConfig } from "./config/load-config.js";
export { createNexusServer, type NexusServer } from "./server.js";
