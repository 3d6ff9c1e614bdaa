/**
 * The storage backend a test run targets (NEXUS_TEST_BACKEND, set per pass by scripts/test.mjs), and throwaway
 * PostgreSQL databases: each test server gets its own, created on NEXUS_TEST_PG_URL's server and dropped after.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export type TestBackend = "lite" | "postgres";

export function testBackend(): TestBackend {
  const backend = process.env.NEXUS_TEST_BACKEND ?? "lite";
  if (backend !== "lite" && backend !== "postgres") {
    throw new Error(`NEXUS_TEST_BACKEND must be "lite" or "postgres", not "${backend}"`);
  }
  return backend;
}

export interface TestDatabase extends AsyncDisposable {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** The server tests create their databases on (NEXUS_TEST_PG_URL); connecting to it needs no database of ours. */
export function adminUrl(): URL {
  const url = process.env.NEXUS_TEST_PG_URL;
  if (!url)
    throw new Error("NEXUS_TEST_BACKEND=postgres needs NEXUS_TEST_PG_URL (a PostgreSQL URL to create databases on)");
  return new URL(url);
}

async function runAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl().href });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Names start with the run id so scripts/test.mjs can drop whatever a crashed test process left behind. */
export function testDatabasePrefix(): string {
  return `nexus_t_${(process.env.NEXUS_TEST_RUN_ID ?? "dev").replace(/[^a-z0-9]/gi, "").toLowerCase()}_`;
}

/** `blank`: a database with no tables at all, instead of one that may already have the migrations applied. */
export async function createTestDatabase({ blank = false } = {}): Promise<TestDatabase> {
  const name = `${testDatabasePrefix()}${randomBytes(6).toString("hex")}`;
  // scripts/test.mjs prepares a migrated template per run: copying it is much cheaper than migrating anew.
  const template = blank ? undefined : process.env.NEXUS_TEST_PG_TEMPLATE;
  await runAdmin(`create database "${name}"${template ? ` template "${template}"` : ""}`);
  const url = adminUrl();
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    // FORCE: a server that failed to close cleanly must not leave the database behind.
    await runAdmin(`drop database if exists "${name}" with (force)`);
  };
  return { name, url: url.href, drop, [Symbol.asyncDispose]: drop };
}
