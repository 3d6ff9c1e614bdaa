/** Opens the database the configuration names and runs migrations; the only place that picks a SQL driver. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { IdColumnsPlugin } from "./id-columns-plugin.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  dialect: "sqlite" | "postgres";
  /** Cheap round trip used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function sqlitePath(dataDir: string): string {
  return join(dataDir, "nexus.db");
}

export function openSqlite(dataDir: string): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(sqlitePath(dataDir));
  sqlite.pragma("journal_mode = WAL");
  // FULL: a committed write survives power loss too, which is what "acknowledged" promises.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.defaultSafeIntegers(true);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
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

export function openDatabase(config: { dataDir: string; database: { url: string } }): OpenedDatabase {
  if (config.database.url) {
    throw new Error("database.url: PostgreSQL is not available in this build yet; leave it empty for SQLite");
  }
  return openSqlite(config.dataDir);
}
