/** Where a benchmark server keeps its data: a data dir, plus a throwaway PostgreSQL database on that backend. */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
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

/** A snapshot to start from: a data dir to copy, and on postgres a template database to copy. */
export interface StoreSnapshot {
  dataDir: string;
  database?: string;
}

export async function createStore(backend: Backend, from?: StoreSnapshot): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-bench-"));
  if (from) cpSync(from.dataDir, dataDir, { recursive: true });
  const database = backend === "postgres" ? await createThrowawayDatabase(from?.database) : undefined;
  return {
    dataDir,
    databaseUrl: database?.url ?? "",
    async dispose() {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
