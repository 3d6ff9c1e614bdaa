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
