/** Opens the database the configuration names; the only place that picks a SQL driver. */
import type { Kysely } from "kysely";
import { openPostgres } from "./drivers/postgres.js";
import { openSqlite } from "./drivers/sqlite.js";
import type { Database } from "./schema.js";

export { openSqlite, sqlitePath } from "./drivers/sqlite.js";

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  dialect: "sqlite" | "postgres";
  /** Cheap round trip used by /readyz; throws DatabaseUnavailableError when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Whether concurrent transactions should share commits (see group-commit.ts). SQLite: yes — its one connection
 * runs transactions one at a time and each commit is an fsync. PostgreSQL: no — pooled connections commit in
 * parallel and the server already groups their WAL flushes.
 */
export function groupsCommits(dialect: OpenedDatabase["dialect"]): boolean {
  return dialect === "sqlite";
}

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  connectTimeoutMs: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** `onConnectionLost` hears about pooled connections that died while idle (the pool replaces them). */
export function openDatabase(
  config: { dataDir: string; database: DatabaseSettings },
  onConnectionLost: (error: Error) => void = () => {},
): OpenedDatabase {
  const { url } = config.database;
  if (!url) return openSqlite(config.dataDir);
  if (isPostgresUrl(url)) return openPostgres(config.database, onConnectionLost);
  throw new Error('database.url must be empty (SQLite) or start with "postgres://"');
}
