/**
 * Real `nexus serve` processes for multi-node tests: the built bin/nexus.js (run `npm run build` first), each on its
 * own loopback port and data directory, all sharing the settings given (database, Redis, signing key).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = new URL("../../bin/nexus.js", import.meta.url).pathname;

export interface NexusNode extends AsyncDisposable {
  baseUrl: string;
  /** SIGKILL, as a crash or an OOM kill would; resolves once the process is gone. */
  kill(): Promise<void>;
  stderr(): string;
}

/** Settings every node of one deployment must share: a token signed by one node verifies on the others. */
export function clusterEnv(settings: Record<string, string>): Record<string, string> {
  return {
    NEXUS_SECRETS_TOKEN_SIGNING_KEY: randomBytes(32).toString("base64url"),
    NEXUS_AUTH_ARGON2_MEMORY_KIB: "8192",
    NEXUS_AUTH_ARGON2_TIME_COST: "1",
    NEXUS_RATE_LIMITS: "off",
    NEXUS_LOG_LEVEL: "warn",
    ...settings,
  };
}

export async function startNexusNode(env: Record<string, string>, startTimeoutMs = 120_000): Promise<NexusNode> {
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-node-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir],
    { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`nexus did not start in time:\n${stderr}`)), startTimeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Nexus is running at http:\/\/localhost:(\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`nexus exited before starting:\n${stderr}`));
    });
  });
  child.stdout?.resume();
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  return {
    baseUrl,
    kill: () => stop("SIGKILL"),
    stderr: () => stderr,
    async [Symbol.asyncDispose]() {
      await stop("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
