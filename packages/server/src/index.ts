export type { Config } from "./config/config.js";
export { ConfigError, loadConfig } from "./config/load-config.js";
// For bulk seeding (bench/): the storage layer and the search index writer exactly as the server itself uses them.
export { createSearchEngine } from "./search/search-engines.js";
export { createNexusServer, type NexusServer } from "./server.js";
export { searchDocument } from "./services/messages/search-documents.js";
export { openDatabase } from "./storage/database.js";
