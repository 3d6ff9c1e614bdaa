/** Where a benchmark server keeps its data: a data dir, plus a throwaway PostgreSQL database on that backend. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createThrowawayDatabase } from "./postgres.js";
import type { Backend } from "./server-process.js";

export interface Store {
  dataDir: string;
  /** Empty on lite (SQLite inside dataDir). */
  databaseUrl: string;
  dispose(): Promise<void>;
}

export async function createStore(backend: Backend): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-bench-"));
  const database = backend === "postgres" ? await createThrowawayDatabase() : undefined;
  return {
    dataDir,
    databaseUrl: database?.url ?? "",
    async dispose() {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
