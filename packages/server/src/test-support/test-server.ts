/** Boots a real Nexus server on a random loopback port with its own temporary data dir. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../config/config.js";
import { loadConfig } from "../config/load-config.js";
import { createNexusServer, type NexusServer } from "../server.js";
import { TestClient } from "./test-client.js";

export interface TestServer extends AsyncDisposable {
  server: NexusServer;
  config: Config;
  baseUrl: string;
  dataDir: string;
  api: TestClient;
  /** Stops the server but keeps the data dir (to boot it again). */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Settings by nexus.toml key, e.g. {"rate_limits.auth_per_minute": 3}. */
  settings?: Record<string, unknown>;
  /** Reuse an existing data dir (to test restarts). */
  dataDir?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "nexus-test-"));
  const { config } = loadConfig({
    flags: {
      data_dir: dataDir,
      "server.host": "127.0.0.1",
      "server.port": 0,
      "log.level": "silent",
      ...options.settings,
    },
    env: {},
    createIfMissing: true,
  });
  const server = await createNexusServer(config);
  const { port } = await server.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    server,
    config,
    baseUrl,
    dataDir,
    api: new TestClient(baseUrl),
    stop,
    async [Symbol.asyncDispose]() {
      await stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
