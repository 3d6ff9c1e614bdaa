/** The scale-out driver: PostgreSQL through a pg connection pool shared by every request on this node. */
import { Kysely, PostgresDialect, sql } from "kysely";
import type pg from "pg";
import type { DatabaseSettings, OpenedDatabase } from "../database.js";
import { IdColumnsPlugin } from "../id-columns-plugin.js";
import type { Database } from "../schema.js";
import { withUnavailableErrors } from "../unavailable.js";

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Socket errors while connecting or mid-query. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** SQLSTATEs meaning the server is going away, starting up, or out of connection slots. */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "53400"]);

/** pg's own messages for a connection that died or never came up (these carry no code). */
const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "is not queryable",
  "Connection is closed",
];

export function isPostgresUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08")) return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isPostgresUnavailable);
  return UNAVAILABLE_MESSAGES.some((message) => error.message.includes(message));
}

/**
 * int8 (ids, times, COUNT(*)) arrives as BigInt, as it does from SQLite with safe integers, so IdColumnsPlugin
 * treats both drivers alike. Integral numerics (SUM of bigints) do too; fractional ones become numbers.
 */
function bigintTypes(pgTypes: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === INT8_OID) return (value: string) => BigInt(value);
      if (oid === NUMERIC_OID) return (value: string) => (/^-?\d+$/.test(value) ? BigInt(value) : Number(value));
      return pgTypes.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
}

/**
 * Made by the first query, so that pg is imported only when PostgreSQL is used: loading it costs a SQLite server's
 * cold start about a quarter of its CPU (its Cloudflare check builds a fetch Response, which loads all of undici).
 */
async function createPool(settings: DatabaseSettings, onConnectionLost: (error: Error) => void): Promise<pg.Pool> {
  const { default: pgModule } = await import("pg");
  const pool = new pgModule.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    types: bigintTypes(pgModule.types),
  });
  // An idle pooled connection dies when PostgreSQL restarts; pg drops it from the pool and reports it here.
  // Without a listener that report would crash the process; the next query simply opens a fresh connection.
  pool.on("error", onConnectionLost);
  // A connection checked out when the server goes away reports on the client instead (the query in flight fails
  // on its own); without a listener there that too would crash the process.
  pool.on("connect", (client) => client.on("error", onConnectionLost));
  return pool;
}

export function openPostgres(settings: DatabaseSettings, onConnectionLost: (error: Error) => void): OpenedDatabase {
  const db = new Kysely<Database>({
    dialect: withUnavailableErrors(
      new PostgresDialect({ pool: () => createPool(settings, onConnectionLost) }),
      isPostgresUnavailable,
    ),
    plugins: [new IdColumnsPlugin()],
  });
  return {
    db,
    dialect: "postgres",
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
