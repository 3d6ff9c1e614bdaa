/** What the numbers were measured on: machine, runtime, backend and code version. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import type { LoadSummary } from "./load-average.js";
import type { Backend } from "./server-process.js";

export interface Environment {
  date: string;
  cores: number;
  cpu_model: string;
  memory_gib: number;
  node: string;
  platform: string;
  backend: Backend;
  git_commit: string;
  git_dirty: boolean;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  load_average_at_start: number;
  /** Sampled every 2 s through the whole run (set when the run ends). */
  load_average_during_run?: LoadSummary;
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function describeEnvironment(backend: Backend, repoRoot: string): Environment {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    cores: cpuList.length,
    cpu_model: cpuList[0]?.model.trim() ?? "unknown",
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    backend,
    git_commit: git(["rev-parse", "HEAD"], repoRoot) || "unknown",
    git_dirty: git(["status", "--porcelain", "--untracked-files=no"], repoRoot) !== "",
    load_average_at_start: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
