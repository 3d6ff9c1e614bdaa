/**
 * Fastify gives every request a child logger, but with request logging off only a failing request writes to it.
 * pino runs a child's bindings through every redaction path as it is made, about 2 % of a message send's CPU, so the
 * child is made on first use instead.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Bindings, ChildLoggerOptions, LogFn } from "pino";

class LazyRequestLogger implements FastifyBaseLogger {
  #made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get logger(): FastifyBaseLogger {
    this.#made ??= this.parent.child(this.bindings, this.options);
    return this.#made;
  }

  get level(): string {
    return this.logger.level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  fatal = ((...args: Parameters<LogFn>) => this.logger.fatal(...args)) as LogFn;
  error = ((...args: Parameters<LogFn>) => this.logger.error(...args)) as LogFn;
  warn = ((...args: Parameters<LogFn>) => this.logger.warn(...args)) as LogFn;
  info = ((...args: Parameters<LogFn>) => this.logger.info(...args)) as LogFn;
  debug = ((...args: Parameters<LogFn>) => this.logger.debug(...args)) as LogFn;
  trace = ((...args: Parameters<LogFn>) => this.logger.trace(...args)) as LogFn;
  silent = ((...args: Parameters<LogFn>) => this.logger.silent(...args)) as LogFn;

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

export function lazyRequestLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyRequestLogger(parent, bindings, options);
}
