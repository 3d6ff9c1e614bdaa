/**
 * Redis for tests: the shared server named by NEXUS_TEST_REDIS_URL (each user gets its own key prefix under
 * NEXUS_TEST_REDIS_PREFIX), or a private redis-server a test may kill and restart.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

export function testRedisUrl(): string | undefined {
  return process.env.NEXUS_TEST_REDIS_URL || undefined;
}

/** A prefix no other test server or test uses, inside this run's prefix. */
export function uniqueRedisPrefix(): string {
  return `${process.env.NEXUS_TEST_REDIS_PREFIX || "nexus-test:"}${randomBytes(4).toString("hex")}:`;
}

export const hasRedisServerBinary = (): boolean => spawnSync("redis-server", ["--version"]).status === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface PrivateRedis extends AsyncDisposable {
  url: string;
  /** SIGKILLs the server, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    child = started;
    await new Promise<void>((resolve, reject) => {
      let output = "";
      started.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) resolve();
      });
      started.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
    started.stdout?.resume();
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start, [Symbol.asyncDispose]: kill };
}
