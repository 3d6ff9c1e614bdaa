/** Runner side of the gateway-sessions generator: spreads tokens over processes, waits until all identified. */
import type { GatewaySessionsConfig, GatewaySessionsResult } from "../generators/gateway-sessions.js";
import { type GeneratorProcess, startGenerators, totalDone } from "./generator.js";
import type { Progress } from "./progress.js";

const SCRIPT = new URL("../generators/gateway-sessions.ts", import.meta.url).pathname;

/** Fan-out and idle sessions need only these; leaving out PRESENCES spares N² presence dispatches at connect. */
export const BENCH_INTENTS = ["GUILDS", "MESSAGES"];

export type SessionGenerators = GeneratorProcess<GatewaySessionsResult>[] & { kill(): void };

export async function openSessions(
  progress: Progress,
  baseUrl: string,
  tokens: string[],
  options: { processes: number; recordFanout: boolean },
): Promise<SessionGenerators> {
  const configs: GatewaySessionsConfig[] = Array.from({ length: options.processes }, (_, i) => ({
    gatewayUrl: `${baseUrl.replace(/^http/, "ws")}/gateway`,
    tokens: tokens.filter((_, n) => n % options.processes === i),
    intents: BENCH_INTENTS,
    connectParallel: 16,
    recordFanout: options.recordFanout,
  }));
  const generators = startGenerators<GatewaySessionsResult>(SCRIPT, configs);
  const timer = setInterval(
    () => progress.update("identifying gateway sessions", totalDone(generators), tokens.length),
    250,
  );
  try {
    await Promise.all(generators.map((g) => g.waitFor("identified")));
  } catch (error) {
    generators.kill();
    throw error;
  } finally {
    clearInterval(timer);
    progress.clear();
  }
  return generators;
}

/** Tells every generator to finish once it has seen `expected` fan-out messages (or `graceMs` passed). */
export async function finishSessions(
  generators: SessionGenerators,
  expected: number,
  graceMs: number,
): Promise<GatewaySessionsResult[]> {
  for (const g of generators) g.send("finish", { expected, graceMs });
  try {
    return await Promise.all(generators.map((g) => g.result()));
  } finally {
    generators.kill();
  }
}
