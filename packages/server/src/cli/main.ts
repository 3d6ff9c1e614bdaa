/** The `nexus` command: serve, migrate and admin tasks. */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { createBlobStore } from "../blobs/create-blob-store.js";
import { openBus } from "../bus/open-bus.js";
import type { Config } from "../config/config.js";
import { ConfigError, loadConfig } from "../config/load-config.js";
import { DomainError } from "../errors.js";
import { SnowflakeGenerator } from "../ids/snowflake.js";
import { createLogger } from "../logger.js";
import { createSafeFetcher, nexusUserAgent } from "../net/safe-fetch.js";
import { MemoryPresenceStore } from "../presence/memory-presence-store.js";
import { MeilisearchError } from "../search/meilisearch-client.js";
import { createNexusServer } from "../server.js";
import { createServices } from "../services/services.js";
import { isPostgresUrl, openDatabase, sqlitePath } from "../storage/database.js";
import { openSqliteFile } from "../storage/drivers/sqlite.js";
import { migrateToLatest, migrationStatus } from "../storage/migrations/index.js";
import { TransferError, transferDatabase } from "../storage/transfer.js";
import { DatabaseUnavailableError } from "../storage/unavailable.js";
import { nexusVersion } from "../version.js";
import { reindexSearch } from "./search-reindex.js";

const HELP = `Usage: nexus <command> [options]

Commands:
  serve                       Run the server (web client, REST API and gateway)
  migrate [status|up]         Show or apply database migrations (default: up)
  admin reset-password USER   Give USER a new random password and sign out their sessions
  search reindex              Fill the Meilisearch index (search.url) with every message in the database
  transfer --from F --to URL  Copy a lite database (F, default <data dir>/nexus.db) into an empty PostgreSQL
                              database (URL, default database.url), then compare row counts

Options:
  --lite                      Use the embedded backends (SQLite, in-process bus); the default
  --host H                    Interface to listen on (server.host)
  --port P                    Port to listen on (server.port)
  --data-dir D                Data directory (data_dir; env NEXUS_DATA_DIR)
  --config F                  Path to nexus.toml (default: <data dir>/nexus.toml; env NEXUS_CONFIG)
  -h, --help                  Show this help
  -v, --version               Show the version

Settings come from defaults < nexus.toml < NEXUS_* environment variables < flags.`;

const OPTIONS = {
  lite: { type: "boolean" },
  host: { type: "string" },
  port: { type: "string" },
  "data-dir": { type: "string" },
  config: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

function fail(message: string, code: number): never {
  process.stderr.write(`nexus: ${message}\n`);
  process.exit(code);
}

function displayUrl(host: string, port: number): string {
  const local = ["127.0.0.1", "0.0.0.0", "::", "::1", "localhost"].includes(host);
  const shown = local ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      const cause = error.cause instanceof Error ? error.cause.message || error.cause.name : String(error.cause);
      fail(`cannot reach the database: ${cause}. Check database.url and that the database server is running.`, 1);
    }
    throw error;
  }
}

const COMMANDS = ["serve", "migrate", "admin", "search", "transfer"];

async function run(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    fail(`${(error as Error).message}\n${HELP}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.version) return void process.stdout.write(`nexus ${nexusVersion()}\n`);
  const [command, ...rest] = positionals;
  if (values.help || !command) return void process.stdout.write(`${HELP}\n`);
  // A typo is a usage error, whatever state the configuration is in.
  if (!COMMANDS.includes(command)) fail(`unknown command "${command}"\n${HELP}`, 2);

  const flags: Record<string, unknown> = {};
  if (values.host !== undefined) flags["server.host"] = values.host;
  if (values.port !== undefined) flags["server.port"] = values.port;
  if (values["data-dir"] !== undefined) flags.data_dir = values["data-dir"];
  if (values.lite) flags["database.url"] = "";

  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig({
      flags,
      configPath: values.config,
      createIfMissing: command === "serve" || command === "migrate",
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`nexus: config error: ${problem}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { config, created } = loaded;

  switch (command) {
    case "serve": {
      if (created) process.stdout.write(`Created ${config.configPath} with new secrets (keep it private).\n`);
      const server = await createNexusServer(config);
      let bound: { host: string; port: number };
      try {
        bound = await server.listen();
      } catch (error) {
        await server.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE") {
          fail(
            `port ${config.server.port} on ${config.server.host} is already in use; choose another with --port or NEXUS_SERVER_PORT`,
            1,
          );
        }
        if (code === "EACCES" || code === "EADDRNOTAVAIL") {
          fail(`cannot listen on ${config.server.host}:${config.server.port} (${code})`, 1);
        }
        throw error;
      }
      process.stdout.write(`Nexus is running at ${displayUrl(bound.host, bound.port)}\n`);
      const stop = (signal: string) => {
        server.logger.info({ signal }, "shutting down");
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            server.logger.error({ err: error }, "shutdown failed");
            process.exit(1);
          },
        );
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
      return;
    }
    case "migrate": {
      const action = rest[0] ?? "up";
      const database = openDatabase(config);
      try {
        if (action === "status") {
          for (const m of await migrationStatus(database.db))
            process.stdout.write(`${m.applied ? "applied" : "pending"}  ${m.name}\n`);
        } else if (action === "up") {
          const applied = await migrateToLatest(database.db);
          process.stdout.write(applied.length ? `Applied ${applied.join(", ")}\n` : "Database is up to date.\n");
        } else {
          fail(`unknown migrate action "${action}" (use "status" or "up")`, 2);
        }
      } finally {
        await database.close();
      }
      return;
    }
    case "admin": {
      const [task, username] = rest;
      if (task !== "reset-password" || !username) fail("usage: nexus admin reset-password USER", 2);
      const database = openDatabase(config);
      // The configured bus, so that on scale-out every node's gateway hears about the revoked sessions.
      const bus = await openBus(config, createLogger("error"));
      const blobs = await createBlobStore(config);
      try {
        await migrateToLatest(database.db);
        const services = createServices({
          config,
          db: database.db,
          dialect: database.dialect,
          ids: new SnowflakeGenerator(),
          events: bus,
          presenceStore: new MemoryPresenceStore(),
          blobs,
          // This command makes no outbound requests; the fetcher is only constructed.
          fetcher: createSafeFetcher({ userAgent: nexusUserAgent(nexusVersion(), "") }),
          mailer: null,
        });
        const password = await services.passwords.adminReset(username);
        process.stdout.write(`New password for ${username}: ${password}\nAll of their sessions were signed out.\n`);
      } catch (error) {
        if (error instanceof DomainError) fail(error.message, 1);
        throw error;
      } finally {
        await blobs.close();
        await bus.close();
        await database.close();
      }
      return;
    }
    case "search": {
      if (rest[0] !== "reindex") fail("usage: nexus search reindex", 2);
      if (!config.search.url) fail("search reindex needs search.url (a Meilisearch server) to be set", 2);
      const database = openDatabase(config);
      try {
        await migrateToLatest(database.db);
        await reindexSearch(database.db, config.search, (line) => process.stdout.write(`${line}\n`));
      } catch (error) {
        if (error instanceof MeilisearchError) fail(`search reindex: ${error.message}; what is left stays queued`, 1);
        throw error;
      } finally {
        await database.close();
      }
      return;
    }
    case "transfer": {
      const from = values.from ?? sqlitePath(config.dataDir);
      const to = values.to ?? config.database.url;
      if (!isPostgresUrl(to)) fail('transfer needs --to "postgres://…" (or database.url set to one)', 2);
      if (!existsSync(from)) fail(`no SQLite database at ${from}`, 2);
      await runTransfer(from, to, config.database);
      return;
    }
    default:
      fail(`unknown command "${command}"\n${HELP}`, 2);
  }
}

async function runTransfer(from: string, to: string, settings: Config["database"]): Promise<void> {
  const source = openSqliteFile(from, { mustExist: true });
  const target = openDatabase({ dataDir: ".", database: { ...settings, url: to } });
  try {
    const report = await transferDatabase(source.db, target.db);
    for (const table of report.tables) process.stdout.write(`${String(table.target).padStart(10)}  ${table.name}\n`);
    if (report.skipped.length) process.stdout.write(`Not copied (SQLite-only): ${report.skipped.join(", ")}\n`);
    const rows = report.tables.reduce((sum, t) => sum + t.target, 0);
    process.stdout.write(
      `Transferred ${rows} rows in ${report.tables.length} tables; row counts match. Now set database.url.\n`,
    );
  } catch (error) {
    if (error instanceof TransferError) fail(`transfer: ${error.message}`, 1);
    throw error;
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
}
