/**
 * Load generators run in their own Node processes so they never share the server's (or the runner's) event loop.
 * The runner forks a generator script, exchanges named signals with it over IPC, and collects one result.
 */
import { type ChildProcess, fork } from "node:child_process";
import { REPO_ROOT } from "./server-process.js";

type Message =
  | { kind: "signal"; name: string; data?: unknown }
  | { kind: "progress"; done: number }
  | { kind: "result"; data: unknown }
  | { kind: "error"; message: string };

/** Signals that arrived before anyone waited for them, and waiters for signals that have not arrived yet. */
class SignalBox {
  private readonly arrived = new Map<string, unknown[]>();
  private readonly waiting = new Map<string, ((data: unknown) => void)[]>();

  deliver(name: string, data: unknown): void {
    const waiter = this.waiting.get(name)?.shift();
    if (waiter) waiter(data);
    else this.arrived.set(name, [...(this.arrived.get(name) ?? []), data]);
  }

  next(name: string): Promise<unknown> {
    const queued = this.arrived.get(name);
    if (queued && queued.length > 0) return Promise.resolve(queued.shift());
    return new Promise((resolve) => this.waiting.set(name, [...(this.waiting.get(name) ?? []), resolve]));
  }
}

/** The runner's handle on one generator process. */
export class GeneratorProcess<TResult> {
  private readonly signals = new SignalBox();
  private readonly outcome: Promise<TResult>;
  done = 0;

  private constructor(private readonly child: ChildProcess) {
    this.outcome = new Promise<TResult>((resolve, reject) => {
      let settled = false;
      child.on("message", (raw) => {
        const message = raw as Message;
        if (message.kind === "progress") this.done = message.done;
        else if (message.kind === "signal") this.signals.deliver(message.name, message.data);
        else if (message.kind === "result") {
          settled = true;
          resolve(message.data as TResult);
        } else {
          settled = true;
          reject(new Error(`generator failed: ${message.message}`));
        }
      });
      child.once("exit", (code, signal) => {
        if (!settled) reject(new Error(`generator exited early (code ${code}, signal ${signal})`));
      });
    });
    // A failure is reported through result(); keep an unawaited rejection from crashing the runner meanwhile.
    this.outcome.catch(() => {});
  }

  static start<TResult>(script: string, config: unknown): GeneratorProcess<TResult> {
    const child = fork(script, [], {
      cwd: REPO_ROOT,
      execArgv: ["--import", "tsx"],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const generator = new GeneratorProcess<TResult>(child);
    generator.send("start", config);
    return generator;
  }

  send(name: string, data?: unknown): void {
    if (this.child.connected) this.child.send({ kind: "signal", name, data } satisfies Message);
  }

  /** Resolves when the generator signals `name`; rejects if it fails first. */
  waitFor(name: string): Promise<unknown> {
    return Promise.race([this.signals.next(name), this.outcome.then(() => Promise.reject(new Error(`no ${name}`)))]);
  }

  result(): Promise<TResult> {
    return this.outcome;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

/** Starts `count` copies of a generator, each with its own config. */
export function startGenerators<TResult>(
  script: string,
  configs: unknown[],
): GeneratorProcess<TResult>[] & { kill(): void } {
  const generators = configs.map((config) => GeneratorProcess.start<TResult>(script, config));
  const kill = () => {
    for (const generator of generators) generator.kill();
  };
  return Object.assign(generators, { kill });
}

/** Sum of progress across generators. */
export function totalDone(generators: GeneratorProcess<unknown>[]): number {
  return generators.reduce((n, g) => n + g.done, 0);
}

/** The generator side of the link, for scripts under bench/generators. */
export interface ParentLink {
  progress(done: number): void;
  signal(name: string, data?: unknown): void;
  /** Resolves when the runner sends `name`. */
  command(name: string): Promise<unknown>;
}

export function runGenerator<TConfig, TResult>(body: (config: TConfig, link: ParentLink) => Promise<TResult>): void {
  const signals = new SignalBox();
  const send = (message: Message) => process.send?.(message);
  // The runner went away (crashed or interrupted): nobody will read the result, so stop loading the server.
  process.once("disconnect", () => process.exit(1));
  process.on("message", (raw) => {
    const message = raw as Message;
    if (message.kind === "signal") signals.deliver(message.name, message.data);
  });
  let lastProgressAt = 0;
  const link: ParentLink = {
    progress(done) {
      const now = Date.now();
      if (now - lastProgressAt < 200) return;
      lastProgressAt = now;
      send({ kind: "progress", done });
    },
    signal: (name, data) => send({ kind: "signal", name, data }),
    command: (name) => signals.next(name),
  };
  const finish = (message: Message) => process.send?.(message, () => process.exit(0));
  signals
    .next("start")
    .then((config) => body(config as TConfig, link))
    .then(
      (data) => finish({ kind: "result", data }),
      (error: unknown) => finish({ kind: "error", message: (error as Error)?.stack ?? String(error) }),
    );
}
