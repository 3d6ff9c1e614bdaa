/** Runner side of the HTTP load generator: forks it, shows progress, merges and summarizes its samples. */
import type { HttpLoadConfig, HttpLoadResult } from "../generators/http-load.js";
import { startGenerators, totalDone } from "./generator.js";
import type { Progress } from "./progress.js";
import { concatSamples, type LatencySummary, summarize } from "./stats.js";

const SCRIPT = new URL("../generators/http-load.ts", import.meta.url).pathname;

export interface LoadOutcome {
  requestsPerSecond: number;
  latency: LatencySummary;
  /** From the server's Server-Timing header; undefined when the server sends none. */
  serverLatency?: LatencySummary;
  errors: number;
  firstError?: string;
}

/** Splits `config.concurrency` over `processes` generator processes and runs them together. */
export async function runHttpLoad(
  progress: Progress,
  label: string,
  config: HttpLoadConfig,
  processes = 1,
): Promise<LoadOutcome> {
  const share = (i: number) =>
    Math.floor(config.concurrency / processes) + (i < config.concurrency % processes ? 1 : 0);
  const generators = startGenerators<HttpLoadResult>(
    SCRIPT,
    Array.from({ length: processes }, (_, i) => ({ ...config, concurrency: share(i) })),
  );
  const timer = setInterval(() => progress.update(label, totalDone(generators), 0, "requests"), 250);
  try {
    const results = await Promise.all(generators.map((g) => g.result()));
    const elapsedMs = Math.max(...results.map((r) => r.elapsedMs));
    const ok = results.reduce((n, r) => n + r.ok, 0);
    const firstError = results.find((r) => r.firstError)?.firstError;
    const serverSamples = concatSamples(results.map((r) => r.serverLatencies));
    return {
      requestsPerSecond: Math.round((ok / elapsedMs) * 1000),
      latency: summarize(concatSamples(results.map((r) => r.latencies))),
      ...(serverSamples.length > 0 ? { serverLatency: summarize(serverSamples) } : {}),
      errors: results.reduce((n, r) => n + r.errors, 0),
      ...(firstError ? { firstError } : {}),
    };
  } finally {
    clearInterval(timer);
    progress.clear();
    generators.kill();
  }
}
