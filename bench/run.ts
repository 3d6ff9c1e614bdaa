/**
 * `npm run bench [-- --quick] [--backend lite|postgres] [--only a,b] [--tag T] [--out DIR] [--cpu-prof DIR]`: runs
 * the scenarios against real `nexus serve` processes and writes results/<date>-<backend>[-T].json and .md.
 */
import { parseArgs } from "node:util";
import { describeEnvironment } from "./lib/environment.js";
import { LoadSampler } from "./lib/load-average.js";
import { Progress } from "./lib/progress.js";
import { writeReport } from "./lib/report.js";
import {
  type BenchContext,
  NotAvailable,
  type RunningServer,
  type Scenario,
  type ScenarioReport,
  type Shared,
} from "./lib/scenario.js";
import { type Backend, REPO_ROOT, startServer } from "./lib/server-process.js";
import { createStore, type Store } from "./lib/store.js";
import { SCENARIOS } from "./scenarios/index.js";

const USAGE = `Usage: npm run bench -- [--quick] [--backend lite|postgres] [--only SCENARIO[,SCENARIO]] [--tag TAG] [--out DIR] [--cpu-prof DIR]
Scenarios: ${SCENARIOS.map((s) => s.id).join(", ")}`;

interface Options {
  quick: boolean;
  backend: Backend;
  only: Scenario[];
  /** Appended to the result files' names, so a partial run does not overwrite the day's full one. */
  tag?: string;
  outDir: string;
  cpuProfileDir?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      backend: { type: "string", default: "lite" },
      only: { type: "string", multiple: true },
      tag: { type: "string" },
      out: { type: "string" },
      "cpu-prof": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.backend !== "lite" && values.backend !== "postgres")
    throw new Error(`unknown backend "${values.backend}"`);
  const wanted = (values.only ?? []).flatMap((v) => v.split(",")).filter(Boolean);
  const unknown = wanted.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(", ")}`);
  if (values.tag !== undefined && !/^[a-z0-9-]+$/.test(values.tag))
    throw new Error(`--tag takes lowercase letters, digits and dashes, not "${values.tag}"`);
  return {
    quick: values.quick ?? false,
    backend: values.backend,
    only: wanted.length > 0 ? SCENARIOS.filter((s) => wanted.includes(s.id)) : SCENARIOS,
    ...(values.tag ? { tag: values.tag } : {}),
    outDir: values.out ?? new URL("./results/", import.meta.url).pathname,
    ...(values["cpu-prof"] ? { cpuProfileDir: values["cpu-prof"] } : {}),
  };
}

function createContext(options: Options, progress: Progress) {
  const shared = new Map<string, Promise<unknown>>();
  const disposers: (() => Promise<void>)[] = [];
  /** Servers not yet disposed: stopped after a scenario that failed half-way, or when the run is interrupted. */
  const running = new Set<RunningServer>();
  /** Stores from newStore() not yet disposed: removed if the run is interrupted while a scenario holds them. */
  const stores = new Set<Store>();
  const serverEnv = { NEXUS_RATE_LIMITS: "off" };
  const newStore = async () => {
    const store = await createStore(options.backend);
    const tracked: Store = {
      ...store,
      async dispose() {
        stores.delete(tracked);
        await store.dispose();
      },
    };
    stores.add(tracked);
    return tracked;
  };
  const context: BenchContext = {
    quick: options.quick,
    backend: options.backend,
    progress,
    serverEnv,
    newStore,
    async startServer(start = {}) {
      const store = start.store ?? (await newStore());
      try {
        const server = await startServer({
          dataDir: store.dataDir,
          databaseUrl: store.databaseUrl,
          env: { ...serverEnv, ...start.env },
          ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
          ...(start.inspect ? { inspect: true } : {}),
        });
        const handle: RunningServer = {
          ...server,
          async dispose() {
            running.delete(handle);
            await server.stop();
            if (!start.store) await store.dispose();
          },
        };
        running.add(handle);
        return handle;
      } catch (error) {
        if (!start.store) await store.dispose();
        throw error;
      }
    },
    shared<T>(key: string, create: () => Promise<Shared<T>>): Promise<T> {
      let entry = shared.get(key) as Promise<T> | undefined;
      if (!entry) {
        entry = create().then((made) => {
          disposers.push(made.dispose);
          return made.value;
        });
        shared.set(key, entry);
      }
      return entry;
    },
  };
  const stopServers = async () => {
    for (const server of [...running]) await server.dispose();
  };
  const disposeShared = async () => {
    await stopServers();
    for (const dispose of disposers.splice(0)) await dispose();
    for (const store of [...stores]) await store.dispose();
  };
  return { context, stopServers, disposeShared };
}

async function runScenario(scenario: Scenario, context: BenchContext, load: LoadSampler): Promise<ScenarioReport> {
  const started = Date.now();
  const base = { id: scenario.id, title: scenario.title };
  try {
    const result = await scenario.run(context);
    return {
      ...base,
      status: "ok",
      durationMs: Date.now() - started,
      loadAverage: load.summary(started),
      figures: result.figures,
      notes: result.notes ?? [],
    };
  } catch (error) {
    const status = error instanceof NotAvailable ? "not available" : "failed";
    const reason = error instanceof NotAvailable ? error.message : ((error as Error).stack ?? String(error));
    const end = { durationMs: Date.now() - started, loadAverage: load.summary(started) };
    return { ...base, status, reason, ...end, figures: [], notes: [] };
  }
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const progress = new Progress();
  const environment = describeEnvironment(options.backend, REPO_ROOT);
  progress.log(
    `Nexus bench (${options.quick ? "quick" : "full"}, ${options.backend}) on ${environment.cores} cores, ` +
      `${environment.memory_gib} GiB, Node ${environment.node}, commit ${environment.git_commit.slice(0, 12)}`,
  );
  const { context, stopServers, disposeShared } = createContext(options, progress);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      progress.log(`\nInterrupted: stopping servers and removing temporary data.`);
      void disposeShared().finally(() => process.exit(130));
    });
  }
  const reports: ScenarioReport[] = [];
  const load = new LoadSampler();
  try {
    for (const scenario of options.only) {
      progress.log(`\n▶ ${scenario.title}`);
      const report = await runScenario(scenario, context, load);
      await stopServers();
      reports.push(report);
      if (report.status !== "ok") progress.log(`  ${report.status}: ${report.reason}`);
      progress.log(
        `  (machine load average meanwhile: ${report.loadAverage.mean} mean, ${report.loadAverage.max} max)`,
      );
      for (const f of report.figures)
        progress.log(`  ${f.label}: ${f.value === null ? `not available: ${f.unavailable}` : `${f.value} ${f.unit}`}`);
    }
  } finally {
    await disposeShared();
    load.stop();
  }
  const written = writeReport(
    {
      environment: { ...environment, load_average_during_run: load.summary() },
      mode: options.quick ? "quick" : "full",
      scenarios: reports,
    },
    options.outDir,
    options.tag,
  );
  progress.log(`\nWrote ${written.json}\n  and ${written.markdown}`);
  return reports.some((r) => r.status === "failed") ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
