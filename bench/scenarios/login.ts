/** Scenario 7: login throughput with the server's default argon2id cost, and what that cost is. */
import { loadConfig } from "@nexus/server";
import { registerUsers } from "../lib/accounts.js";
import { JsonClient } from "../lib/http-client.js";
import { runHttpLoad } from "../lib/load.js";
import { figure, type Scenario } from "../lib/scenario.js";

export const loginScenario: Scenario = {
  id: "login",
  title: "Login",
  async run(context) {
    const { quick, progress } = context;
    const server = await context.startServer();
    const client = new JsonClient(server.baseUrl);
    try {
      const users = await registerUsers(client, quick ? 4 : 16, { progress });
      const { config } = loadConfig({
        flags: { data_dir: server.dataDir },
        env: context.serverEnv,
        createIfMissing: false,
      });
      const { argon2MemoryKib, argon2TimeCost, argon2Parallelism } = config.auth;
      // argon2 runs on libuv's thread pool (4 threads by default), so a few more logins than cores keep it busy.
      const concurrency = 8;
      const outcome = await runHttpLoad(progress, "logging in", {
        baseUrl: server.baseUrl,
        concurrency,
        warmupMs: quick ? 300 : 2_000,
        durationMs: quick ? 2_000 : 15_000,
        requests: users.map((u) => ({
          method: "POST",
          path: "/api/v1/auth/login",
          body: { username: u.username, password: u.password },
        })),
        expectStatus: [200],
      });
      if (outcome.errors > 0) throw new Error(`${outcome.errors} logins failed; first: ${outcome.firstError}`);
      return {
        figures: [
          figure("logins/s", outcome.requestsPerSecond, "/s"),
          figure("latency p50", outcome.latency.p50, "ms"),
          figure("latency p99", outcome.latency.p99, "ms"),
          figure("argon2id parameters", `m=${argon2MemoryKib} KiB, t=${argon2TimeCost}, p=${argon2Parallelism}`, ""),
        ],
        notes: [
          `${concurrency} logins in flight over ${users.length} accounts; each login verifies an argon2id hash ` +
            `(m=${argon2MemoryKib} KiB, t=${argon2TimeCost}, p=${argon2Parallelism}, the server's defaults) and signs a session.`,
        ],
      };
    } finally {
      client.close();
      await server.dispose();
    }
  },
};
