/** Runs the real `nexus` command from source in a child process, with only the environment given. */
import { spawn } from "node:child_process";

const mainModule = new URL("../cli/main.ts", import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNexus(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=source",
      "--input-type=module",
      "-e",
      "const { main } = await import(process.argv[1]); await main(process.argv.slice(2));",
      mainModule,
      ...args,
    ],
    { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
