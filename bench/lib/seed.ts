/**
 * The seeded channel (a million messages in a full run) the history, search and cold-start scenarios share.
 * Seeding takes minutes, so the result is cached in bench/.cache keyed by everything that decides its contents
 * (migrations, the search index writers, the corpus and the bulk insert): a data dir on lite, plus a template database
 * on postgres (nexus_bench_seed_*; stale ones are dropped). Each run works on a fresh copy of the cache.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHEAP_ARGON2_ENV, registerUsers } from "./accounts.js";
import { insertMessages, messageId } from "./bulk-messages.js";
import { createCommunity } from "./community.js";
import { JsonClient } from "./http-client.js";
import { databaseExists, databasesNamed, dropDatabase, renameDatabase } from "./postgres.js";
import type { BenchContext, RunningServer } from "./scenario.js";
import { REPO_ROOT } from "./server-process.js";
import { createStore, type Store } from "./store.js";

const CACHE_DIR = join(REPO_ROOT, "bench/.cache");
const TEMPLATE_PREFIX = "nexus_bench_seed_";
/** The seeded channel's size in a full run and in a --quick one. */
export const SEEDED_MESSAGES = { full: 1_000_000, quick: 5_000 };
/** Messages rotate over this many authors (the first one owns the guild). */
const AUTHORS = 20;

/** Everything that decides what a seeded store contains. */
const KEY_SOURCES = [
  "packages/server/src/storage/migrations",
  "packages/server/src/search/message-search.ts",
  "packages/server/src/search/sqlite-fts5-writer.ts",
  "packages/server/src/search/postgres-search-writer.ts",
  "packages/server/src/services/messages/search-documents.ts",
  "bench/lib/corpus.ts",
  "bench/lib/bulk-messages.ts",
];

export interface SeedUser {
  id: string;
  username: string;
  password: string;
}

interface CacheEntry {
  guildId: string;
  channelId: string;
  users: SeedUser[];
  count: number;
  startMs: number;
  commonWordMessages: number;
  seedMs: number;
  /** The template database (postgres only). */
  database?: string;
}

export interface SeededChannel extends Omit<CacheEntry, "database"> {
  /** This run's copy; disposed when the run ends. */
  store: Store;
  /** False when the cache had it. */
  seededNow: boolean;
  /** The id of message n, 0 being the oldest. */
  idAt(n: number): string;
}

function cacheKey(): string {
  const hash = createHash("sha256");
  const add = (path: string) => {
    const full = join(REPO_ROOT, path);
    if (!existsSync(full)) return;
    if (!path.endsWith(".ts")) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
      return;
    }
    hash.update(path).update(readFileSync(full));
  };
  for (const source of KEY_SOURCES) add(source);
  return hash.digest("hex").slice(0, 12);
}

async function readEntry(dir: string): Promise<CacheEntry | undefined> {
  const file = join(dir, "seed.json");
  if (!existsSync(file)) return undefined;
  const entry = JSON.parse(readFileSync(file, "utf8")) as CacheEntry;
  if (entry.database && !(await databaseExists(entry.database))) return undefined;
  return entry;
}

/** Removes other keys' cache entries for this backend, and their template databases. */
async function dropStale(context: BenchContext, key: string): Promise<void> {
  if (existsSync(CACHE_DIR)) {
    for (const name of readdirSync(CACHE_DIR)) {
      if (name.startsWith(`${context.backend}-`) && !name.endsWith(`-${key}`))
        rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
    }
  }
  if (context.backend === "postgres") {
    for (const name of await databasesNamed(TEMPLATE_PREFIX)) if (!name.endsWith(`_${key}`)) await dropDatabase(name);
  }
}

/** Seeds a new store (accounts and guild through the API, messages in bulk) and moves it into `dir`. */
async function seed(context: BenchContext, dir: string, count: number, key: string): Promise<CacheEntry> {
  const { progress } = context;
  await dropStale(context, key);
  const store = await context.newStore();
  try {
    const server = await context.startServer({ store, env: CHEAP_ARGON2_ENV });
    const client = new JsonClient(server.baseUrl);
    let users: SeedUser[];
    let community: { guildId: string; channelId: string };
    try {
      const registered = await registerUsers(client, AUTHORS, { progress });
      const [owner, ...members] = registered as [(typeof registered)[0], ...typeof registered];
      community = await createCommunity(client, owner, members, progress);
      users = registered.map(({ id, username, password }) => ({ id, username, password }));
    } finally {
      client.close();
      await server.dispose();
    }
    const started = Date.now();
    const inserted = await insertMessages(
      { dataDir: store.dataDir, databaseUrl: store.databaseUrl, ...community, authorIds: users.map((u) => u.id) },
      count,
      progress,
    );
    const entry: CacheEntry = { ...community, users, count, ...inserted, seedMs: Date.now() - started };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(store.dataDir, join(dir, "data"), { recursive: true });
    if (context.backend === "postgres") {
      entry.database = `${TEMPLATE_PREFIX}${count}_${key}`;
      await dropDatabase(entry.database);
      await renameDatabase(new URL(store.databaseUrl).pathname.slice(1), entry.database);
    }
    // Written last: a half-made entry has no seed.json and is seeded again.
    writeFileSync(join(dir, "seed.json.tmp"), JSON.stringify(entry));
    renameSync(join(dir, "seed.json.tmp"), join(dir, "seed.json"));
    return entry;
  } finally {
    await store.dispose();
  }
}

/** The run's seeded channel: from the cache when it has one for this code, else seeded now. */
export function seededChannel(context: BenchContext): Promise<SeededChannel> {
  const count = context.quick ? SEEDED_MESSAGES.quick : SEEDED_MESSAGES.full;
  return context.shared(`seeded-${count}`, async () => {
    const key = cacheKey();
    const dir = join(CACHE_DIR, `${context.backend}-${count}-${key}`);
    let entry = await readEntry(dir);
    const seededNow = !entry;
    if (!entry) {
      context.progress.log(`  seeding ${count.toLocaleString("en-US")} messages (cached in ${dir} for later runs)`);
      entry = await seed(context, dir, count, key);
    }
    const { database, ...facts } = entry;
    const store = await createStore(context.backend, { dataDir: join(dir, "data"), ...(database ? { database } : {}) });
    const { startMs } = entry;
    return {
      value: { ...facts, store, seededNow, idAt: (n: number) => messageId(startMs, n) },
      dispose: () => store.dispose(),
    };
  });
}

/** Signs a seeded user in (their tokens from seeding time have long expired) and returns an access token. */
export async function signIn(client: JsonClient, user: SeedUser): Promise<string> {
  const result = await client.expect<{ access_token: string }>([200], "POST", "/api/v1/auth/login", {
    username: user.username,
    password: user.password,
  });
  return result.access_token;
}

export interface SeededServer {
  seeded: SeededChannel;
  server: RunningServer;
  client: JsonClient;
  /** The guild owner's. */
  token: string;
}

/** Runs `work` against a server on the seeded channel, signed in as the guild's owner; stops the server after. */
export async function onSeededServer<T>(context: BenchContext, work: (on: SeededServer) => Promise<T>): Promise<T> {
  const seeded = await seededChannel(context);
  const server = await context.startServer({ store: seeded.store });
  const client = new JsonClient(server.baseUrl);
  try {
    const token = await signIn(client, seeded.users[0] as SeedUser);
    return await work({ seeded, server, client, token });
  } finally {
    client.close();
    await server.dispose();
  }
}
