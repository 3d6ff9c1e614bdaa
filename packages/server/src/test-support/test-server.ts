/**
 * Boots a real Nexus server on a random loopback port with its own temporary data dir, on the backend the test
 * pass targets: SQLite and the memory bus, or (NEXUS_TEST_BACKEND=postgres) a throwaway PostgreSQL database and,
 * when NEXUS_TEST_REDIS_URL is set, the Redis bus under a prefix of its own.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DestinationStream } from "pino";
import type { Config } from "../config/config.js";
import { loadConfig } from "../config/load-config.js";
import { createLogger } from "../logger.js";
import { createNexusServer, type NexusServer, type NexusServerHooks } from "../server.js";
import { TestClient } from "./test-client.js";
import { createTestDatabase, type TestDatabase, testBackend } from "./test-database.js";
import { testRedisUrl, uniqueRedisPrefix } from "./test-redis.js";

export interface TestServer extends AsyncDisposable {
  server: NexusServer;
  config: Config;
  baseUrl: string;
  dataDir: string;
  api: TestClient;
  /** Stops the server but keeps the data dir and database (to boot it again). */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Receives every log line (JSON) at log.level, which then defaults to "trace" instead of "silent". */
  logStream?: DestinationStream;
  /** Settings by nexus.toml key, e.g. {"rate_limits.auth_per_minute": 3}. A "database.url" (even "", for
   * SQLite) replaces the pass's database. */
  settings?: Record<string, unknown>;
  /** Reuse an existing data dir, and with it the same database (to test restarts). */
  dataDir?: string;
  /** Code-only hooks, e.g. `outbound: {policy: policyAllowing(["127.0.0.1/32"])}` so link previews can reach a
   * site on loopback. Without it the server's fetcher refuses loopback like production does. */
  hooks?: NexusServerHooks;
}

/** Where a data dir remembers its PostgreSQL database, so a restart on the same dir finds the same data. */
const DATABASE_URL_FILE = "test-database-url";

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "nexus-test-"));
  let database: TestDatabase | undefined;
  const backendSettings: Record<string, unknown> = {};
  if (testBackend() === "postgres" && !(options.settings && "database.url" in options.settings)) {
    if (ownsDataDir) {
      database = await createTestDatabase();
      writeFileSync(join(dataDir, DATABASE_URL_FILE), database.url);
    }
    backendSettings["database.url"] = readFileSync(join(dataDir, DATABASE_URL_FILE), "utf8");
    backendSettings["database.pool_size"] = 4;
    const redisUrl = testRedisUrl();
    if (redisUrl && !options.settings?.["redis.url"]) {
      backendSettings["redis.url"] = redisUrl;
      backendSettings["redis.prefix"] = uniqueRedisPrefix();
    }
  }
  const cleanUp = async () => {
    await database?.drop();
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  let server: NexusServer | undefined;
  let port: number;
  let config: Config;
  try {
    ({ config } = loadConfig({
      flags: {
        data_dir: dataDir,
        "server.host": "127.0.0.1",
        "server.port": 0,
        "log.level": options.logStream ? "trace" : "silent",
        // Cheapest argon2 the settings allow, and room for many logins per test; tests that check these set them.
        "auth.argon2_memory_kib": 8192,
        "auth.argon2_time_cost": 1,
        "rate_limits.auth_per_minute": 1000,
        ...backendSettings,
        ...options.settings,
      },
      env: {},
      createIfMissing: true,
    }));
    server = await createNexusServer(config, createLogger(config.log.level, options.logStream), options.hooks);
    ({ port } = await server.listen());
  } catch (error) {
    await server?.close();
    await cleanUp();
    throw error;
  }
  const running = server;
  const baseUrl = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await running.close();
  };
  return {
    server: running,
    config,
    baseUrl,
    dataDir,
    api: new TestClient(baseUrl),
    stop,
    async [Symbol.asyncDispose]() {
      try {
        await stop();
      } finally {
        await cleanUp();
      }
    },
  };
}
