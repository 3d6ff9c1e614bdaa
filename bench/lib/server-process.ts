/**
 * Runs `nexus serve` as a real child process: its own data dir, a free loopback port, rate limits off. Knows how
 * long it took to become ready and reads its resident memory from /proc.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { msSince } from "./stats.js";

export type Backend = "lite" | "postgres";

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;
const NEXUS_BIN = join(REPO_ROOT, "packages/server/bin/nexus.js");
const READY_TIMEOUT_MS = 60_000;
/** Often enough to time a ~100 ms boot to a few ms, rarely enough not to slow the boot it is timing. */
const READY_POLL_MS = 2;

export interface ServerOptions {
  dataDir: string;
  /** PostgreSQL URL for the postgres backend; empty: SQLite in the data dir. */
  databaseUrl: string;
  /** Extra NEXUS_* settings, e.g. cheaper argon2 for setup-heavy scenarios. */
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the server into this directory when it exits. */
  cpuProfileDir?: string;
  /** Open the server's inspector on a free loopback port (and expose gc), for heap measurements. */
  inspect?: boolean;
}

export interface ServerProcess {
  pid: number;
  port: number;
  baseUrl: string;
  dataDir: string;
  /** From spawn to the first 200 on /readyz. */
  readyMs: number;
  /** CPU time (user + system) the server had used by then: unlike readyMs, not inflated by other load. */
  cpuMsAtReady: number;
  /** Resident set size in bytes, from /proc/<pid>/status. */
  rssBytes(): number;
  /** The inspector's WebSocket URL, when started with `inspect`. */
  debuggerUrl?: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function probeReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/readyz", agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once("error", () => resolve(false));
  });
}

export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** User + system CPU time of a process, from /proc/<pid>/stat (in clock ticks of 10 ms on Linux). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The parent's environment without NEXUS_* settings, so only what the benchmark chooses reaches the server. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("NEXUS_")));
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const { dataDir } = options;
  const port = await freePort();
  const nodeArgs = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDir] : [];
  if (options.inspect) nodeArgs.push("--expose-gc", "--inspect=127.0.0.1:0");
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, NEXUS_BIN, "serve", "--data-dir", dataDir, "--host", "127.0.0.1", "--port", String(port)],
    {
      cwd: dataDir,
      env: {
        ...cleanEnvironment(),
        NODE_ENV: "production",
        NEXUS_RATE_LIMITS: "off",
        NEXUS_DATABASE_URL: options.databaseUrl,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const stop = async () => {
    if (!hasExited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };

  let readyMs = Number.NaN;
  let cpuMsAtReady = Number.NaN;
  while (!hasExited) {
    if (await probeReady(port)) {
      readyMs = msSince(started);
      cpuMsAtReady = readCpuMs(child.pid as number);
      break;
    }
    if (msSince(started) > READY_TIMEOUT_MS) {
      await stop();
      throw new Error(`nexus serve was not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  if (hasExited) {
    throw new Error(`nexus serve exited before it was ready:\n${output}`);
  }
  const pid = child.pid as number;
  const debuggerUrl = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  return {
    ...(debuggerUrl ? { debuggerUrl } : {}),
    pid,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    readyMs,
    cpuMsAtReady,
    rssBytes: () => readRssBytes(pid),
    stop,
  };
}
