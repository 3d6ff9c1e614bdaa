/** The lite driver: an embedded SQLite file in the data directory (better-sqlite3). */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type SqliteDatabase, SqliteDialect } from "kysely";
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

/** How many distinct statements stay prepared (an LRU): the server's queries, with room for IN-list arities. */
const STATEMENT_CACHE_SIZE = 1_000;

/**
 * Kysely prepares every query afresh, and compiling a statement costs SQLite about as much as running it; the
 * server issues the same few hundred SQL strings over and over, so prepared statements are kept and reused.
 * A statement still being iterated (a stream in progress) is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (cached) return statement;
      statements.set(sql, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
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
    dialect: withUnavailableErrors(new SqliteDialect({ database: withStatementCache(sqlite) }), isSqliteUnavailable),
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
