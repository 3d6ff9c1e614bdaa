/** Load generator: keeps `concurrency` requests in flight over keep-alive connections for a fixed time. */
import { runGenerator } from "../lib/generator.js";
import { JsonClient } from "../lib/http-client.js";
import { msSince } from "../lib/stats.js";

export interface RequestSpec {
  method: string;
  path: string;
  body?: unknown;
  token?: string;
}

export interface HttpLoadConfig {
  baseUrl: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Cycled through in order, shared by all in-flight slots. */
  requests: RequestSpec[];
  expectStatus: number[];
}

export interface HttpLoadResult {
  /** Latency of each successful request in the measured window, in ms. */
  latencies: Float64Array;
  /** The server's own time per request from its Server-Timing header (empty when it sends none), in ms. */
  serverLatencies: Float64Array;
  ok: number;
  errors: number;
  /** From the start of the measured window to the last completion in it. */
  elapsedMs: number;
  firstError?: string;
}

/** "app;dur=1.234" → 1.234 */
function serverTiming(header: string | string[] | undefined): number | undefined {
  const match = /\bapp;dur=([0-9.]+)/.exec(String(header ?? ""));
  return match ? Number(match[1]) : undefined;
}

runGenerator<HttpLoadConfig, HttpLoadResult>(async (config, link) => {
  const client = new JsonClient(config.baseUrl, config.concurrency);
  let next = 0;
  const latencies: number[] = [];
  const serverLatencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let measuring = false;

  const loop = async (until: bigint) => {
    while (process.hrtime.bigint() < until) {
      const spec = config.requests[next++ % config.requests.length] as RequestSpec;
      const started = process.hrtime.bigint();
      try {
        const response = await client.request(spec.method, spec.path, spec.body, spec.token);
        if (!config.expectStatus.includes(response.status)) throw new Error(`HTTP ${response.status}`);
        if (measuring) {
          latencies.push(msSince(started));
          const serverMs = serverTiming(response.headers["server-timing"]);
          if (serverMs !== undefined) serverLatencies.push(serverMs);
          link.progress(latencies.length);
        }
      } catch (error) {
        errors += measuring ? 1 : 0;
        firstError ??= `${spec.method} ${spec.path}: ${(error as Error).message}`;
      }
    }
  };
  const run = (ms: number) => {
    const until = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
    return Promise.all(Array.from({ length: config.concurrency }, () => loop(until)));
  };

  if (config.warmupMs > 0) await run(config.warmupMs);
  measuring = true;
  const start = process.hrtime.bigint();
  await run(config.durationMs);
  const elapsedMs = msSince(start);
  client.close();
  return {
    latencies: Float64Array.from(latencies),
    serverLatencies: Float64Array.from(serverLatencies),
    ok: latencies.length,
    errors,
    elapsedMs,
    firstError,
  };
});
