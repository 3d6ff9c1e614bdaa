/** Builds the web client and starts a real `nexus serve` process on a random port with its own data dir. */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const ROOT = new URL("../../", import.meta.url).pathname;
const run = promisify(execFile);

export interface NexusProcess extends AsyncDisposable {
  baseUrl: string;
  /** Everything the process wrote to stderr, for failure messages. */
  stderr(): string;
}

/** A fresh production build of the web client in a temp dir, so tests never run against a stale dist/. */
export async function buildWebClient(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "nexus-e2e-web-"));
  await run(
    process.execPath,
    [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--outDir", outDir, "--emptyOutDir"],
    {
      cwd: join(ROOT, "packages/web"),
      // The bundle users get: `npm test` runs with NODE_ENV=test, which would make Vite build React's development
      // mode (StrictMode's doubled effects included).
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  return outDir;
}

/** `env` adds settings (NEXUS_*) for this server only. */
export async function startNexus(webClientDir: string, env: Record<string, string> = {}): Promise<NexusProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-e2e-data-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=source",
      join(ROOT, "e2e/support/nexus-entry.ts"),
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--data-dir",
      dataDir,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NEXUS_WEB_CLIENT_DIR: webClientDir,
        NEXUS_LOG_LEVEL: "warn",
        // Two browsers register and log in many times a minute from one address.
        NEXUS_RATE_LIMITS: "off",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });

  const baseUrl = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`nexus did not start within 30 s:\n${stderr}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Nexus is running at (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace("localhost", "127.0.0.1"));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`nexus exited with ${code} before starting:\n${stderr}`));
    });
  });

  return {
    baseUrl,
    stderr: () => stderr,
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
