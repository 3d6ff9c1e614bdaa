/**
 * Turns a driver's "cannot reach the database" failures into one DatabaseUnavailableError (SERVICE_UNAVAILABLE),
 * so every caller — HTTP, gateway, CLI — sees the same error whichever driver is underneath, and no transport
 * needs to know a driver's error codes.
 */
import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from "kysely";
import { DomainError } from "../errors.js";

export class DatabaseUnavailableError extends DomainError {
  constructor(cause: unknown) {
    super("SERVICE_UNAVAILABLE", "The server cannot reach its database right now; try again in a few seconds.");
    this.name = "DatabaseUnavailableError";
    this.cause = cause;
  }
}

type IsUnavailable = (error: unknown) => boolean;

function translate(error: unknown, isUnavailable: IsUnavailable): unknown {
  if (error instanceof DatabaseUnavailableError || !isUnavailable(error)) return error;
  return new DatabaseUnavailableError(error);
}

async function guard<T>(run: () => Promise<T>, isUnavailable: IsUnavailable): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translate(error, isUnavailable);
  }
}

class TranslatingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly isUnavailable: IsUnavailable,
  ) {}

  executeQuery<R>(query: Parameters<DatabaseConnection["executeQuery"]>[0]): Promise<QueryResult<R>> {
    return guard(() => this.inner.executeQuery<R>(query), this.isUnavailable);
  }

  async *streamQuery<R>(
    query: Parameters<DatabaseConnection["streamQuery"]>[0],
    chunkSize?: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      throw translate(error, this.isUnavailable);
    }
  }
}

/** Delegates to the real driver, handing it its own connection objects back (drivers keep private state on them). */
class TranslatingDriver implements Driver {
  readonly savepoint?: Driver["savepoint"];
  readonly rollbackToSavepoint?: Driver["rollbackToSavepoint"];
  readonly releaseSavepoint?: Driver["releaseSavepoint"];

  constructor(
    private readonly inner: Driver,
    private readonly isUnavailable: IsUnavailable,
  ) {
    // Only offer savepoints when the real driver has them, so Kysely still reports their absence truthfully.
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = inner;
    if (savepoint)
      this.savepoint = (c, name, compile) => this.run(() => savepoint.call(inner, unwrap(c), name, compile));
    if (rollbackToSavepoint) {
      this.rollbackToSavepoint = (c, name, compile) =>
        this.run(() => rollbackToSavepoint.call(inner, unwrap(c), name, compile));
    }
    if (releaseSavepoint) {
      this.releaseSavepoint = (c, name, compile) =>
        this.run(() => releaseSavepoint.call(inner, unwrap(c), name, compile));
    }
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    return guard(fn, this.isUnavailable);
  }

  init(): Promise<void> {
    return this.run(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.run(() => this.inner.acquireConnection());
    return new TranslatingConnection(connection, this.isUnavailable);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.run(() => this.inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.run(() => this.inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.run(() => this.inner.rollbackTransaction(unwrap(connection)));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof TranslatingConnection ? connection.inner : connection;
}

/** Wraps a Kysely dialect so that errors `isUnavailable` recognises surface as DatabaseUnavailableError. */
export function withUnavailableErrors(dialect: Dialect, isUnavailable: IsUnavailable): Dialect {
  return {
    createDriver: () => new TranslatingDriver(dialect.createDriver(), isUnavailable),
    createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
    createAdapter: (): DialectAdapter => dialect.createAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => dialect.createIntrospector(db),
  };
}
