/** The lite driver: an embedded SQLite file in the data directory (better-sqlite3). */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { OpenedDatabase } from "../database.js";
import { IdColumnsPlugin } from "../id-columns-plugin.js";
import type { Database } from "../schema.js";
import { withUnavailableErrors } from "../unavailable.js";

export function sqlitePath(dataDir: string): string {
  return join(dataDir, "nexus.db");
}

/** SQLITE_BUSY after busy_timeout: another writer held the lock too long; retrying later will work. */
function isSqliteUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export function openSqlite(dataDir: string): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return openSqliteFile(sqlitePath(dataDir));
}

/** Opens a database file; `mustExist` refuses to create a new, empty one (a mistyped path). */
export function openSqliteFile(path: string, { mustExist = false } = {}): OpenedDatabase {
  const sqlite = new SQLite(path, { fileMustExist: mustExist });
  sqlite.pragma("journal_mode = WAL");
  // FULL: a committed write survives power loss too, which is what "acknowledged" promises.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.defaultSafeIntegers(true);
  const db = new Kysely<Database>({
    dialect: withUnavailableErrors(new SqliteDialect({ database: sqlite }), isSqliteUnavailable),
    plugins: [new IdColumnsPlugin()],
  });
  return {
    db,
    dialect: "sqlite",
    ping: async () => {
      sqlite.prepare("select 1").get();
    },
    close: () => db.destroy(),
  };
}
