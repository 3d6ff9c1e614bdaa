/** Throwaway PostgreSQL databases on the local server (127.0.0.1:5432, user postgres), dropped after use. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
const HOST = "127.0.0.1";
const PORT = "5432";
const USER = "postgres";
let counter = 0;

export interface ThrowawayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  counter += 1;
  const name = `nexus_bench_${Date.now()}_${process.pid}_${counter}`;
  try {
    await run("createdb", ["-h", HOST, "-p", PORT, "-U", USER, name]);
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
      await run("dropdb", ["-h", HOST, "-p", PORT, "-U", USER, "--if-exists", "--force", name]);
    },
  };
}
