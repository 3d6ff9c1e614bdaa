/** What a scenario is, what it reports, and what it gets from the runner. */
import type { LoadSummary } from "./load-average.js";
import type { Progress } from "./progress.js";
import type { Backend, ServerProcess } from "./server-process.js";
import type { Store } from "./store.js";

/** A figure's goal from issue 8: reported beside the measurement, never asserted. */
export interface Target {
  op: "<=" | ">=" | "=";
  value: number;
}

export interface Figure {
  label: string;
  /** null when this figure could not be measured (see `unavailable`). */
  value: number | string | null;
  unit: string;
  target?: Target;
  unavailable?: string;
}

export interface ScenarioReport {
  id: string;
  title: string;
  status: "ok" | "not available" | "failed";
  /** Why the scenario could not run or failed. */
  reason?: string;
  durationMs: number;
  /** The machine's 1-minute load average while the scenario ran. */
  loadAverage: LoadSummary;
  figures: Figure[];
  /** Parameters and caveats a reader needs to interpret the figures. */
  notes: string[];
}

/** Thrown when the server lacks an API a scenario needs; reported as "not available: <reason>". */
export class NotAvailable extends Error {}

export interface RunningServer extends ServerProcess {
  /** Stops the server; also disposes of its store when the server created it. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** Run on this store (kept on dispose); otherwise on a fresh one that is disposed with the server. */
  store?: Store;
  /** Extra NEXUS_* settings. */
  env?: Record<string, string>;
  /** Open the server's inspector (see server-process.ts). */
  inspect?: boolean;
}

export interface BenchContext {
  quick: boolean;
  backend: Backend;
  progress: Progress;
  /** Settings the runner passes to every server (rate limits off, …), for reporting. */
  serverEnv: Record<string, string>;
  newStore(): Promise<Store>;
  startServer(options?: StartOptions): Promise<RunningServer>;
  /** One value per run under `key` (e.g. the seeded million-message store), disposed when the run ends. */
  shared<T>(key: string, create: () => Promise<Shared<T>>): Promise<T>;
}

export interface Shared<T> {
  value: T;
  dispose(): Promise<void>;
}

export interface ScenarioResult {
  figures: Figure[];
  notes?: string[];
}

export interface Scenario {
  id: string;
  title: string;
  run(context: BenchContext): Promise<ScenarioResult>;
}

export function figure(label: string, value: number | string, unit: string, target?: Target): Figure {
  return target ? { label, value, unit, target } : { label, value, unit };
}

export function unavailableFigure(label: string, unit: string, reason: string, target?: Target): Figure {
  return { label, value: null, unit, unavailable: reason, ...(target ? { target } : {}) };
}

/** Whether a measured value meets its target; undefined when there is nothing to compare. */
export function meetsTarget(f: Figure): boolean | undefined {
  if (!f.target || typeof f.value !== "number" || Number.isNaN(f.value)) return undefined;
  if (f.target.op === "<=") return f.value <= f.target.value;
  if (f.target.op === ">=") return f.value >= f.target.value;
  return f.value === f.target.value;
}
