/** Throwaway PostgreSQL databases on the local server (127.0.0.1:5432, user postgres), dropped after use. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
const HOST = "127.0.0.1";
const PORT = "5432";
const USER = "postgres";
const CONNECTION = ["-h", HOST, "-p", PORT, "-U", USER];
let counter = 0;

export interface ThrowawayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new database, empty or (with `template`) a file-level copy of the template database. */
export async function createThrowawayDatabase(template?: string): Promise<ThrowawayDatabase> {
  counter += 1;
  const name = `nexus_bench_${Date.now()}_${process.pid}_${counter}`;
  try {
    await run("createdb", [...CONNECTION, ...(template ? ["-T", template] : []), name]);
  } catch (error) {
    throw new Error(`cannot create a PostgreSQL database on ${HOST}:${PORT} as ${USER}: ${(error as Error).message}`);
  }
  let dropped = false;
  return {
    name,
    url: `postgres://${USER}@${HOST}:${PORT}/${name}`,
    async drop() {
      if (dropped) return;
      dropped = true;
      await dropDatabase(name);
    },
  };
}

async function psql(statement: string): Promise<string> {
  const { stdout } = await run("psql", [...CONNECTION, "-d", "postgres", "-At", "-c", statement]);
  return stdout.trim();
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await psql(`select 1 from pg_database where datname = '${name}'`)) === "1";
}

export async function renameDatabase(from: string, to: string): Promise<void> {
  await psql(`alter database "${from}" rename to "${to}"`);
}

export async function dropDatabase(name: string): Promise<void> {
  await run("dropdb", [...CONNECTION, "--if-exists", "--force", name]);
}

/** Names of databases starting with `prefix` (an identifier prefix: letters, digits and underscores). */
export async function databasesNamed(prefix: string): Promise<string[]> {
  const out = await psql(`select datname from pg_database where datname like '${prefix}%'`);
  return out ? out.split("\n") : [];
}
