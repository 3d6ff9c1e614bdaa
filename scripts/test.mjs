#!/usr/bin/env node
// Runs every *.test.ts under packages/, e2e/ and bench/ with node's test runner (through tsx), once per storage backend:
// "lite" (SQLite, memory bus) runs every file; "postgres" (NEXUS_TEST_PG_URL, plus the Redis bus when
// NEXUS_TEST_REDIS_URL is set) runs again every file that boots a server or a database through test-support.
// Ends with one line summing all passes: "N passed, N failed".
// NEXUS_TEST_BACKEND=lite|postgres runs one pass only; NEXUS_TEST_REQUIRE_ALL=1 makes a skipped pass a failure.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const filter = process.argv.slice(2);
const requireAll = process.env.NEXUS_TEST_REQUIRE_ALL === "1";

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(path));
    else if (/\.test\.tsx?$/.test(entry.name)) found.push(relative(root, path));
  }
  return found;
}

const files = ["packages", "e2e", "bench"]
  .flatMap((dir) => {
    try {
      return findTests(join(root, dir));
    } catch {
      return [];
    }
  })
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error("No test files found.");
  process.exit(1);
}

/** A file depends on the backend when it boots a server or creates a database through test-support. */
const usesBackend = (file) =>
  /test-support\/(search-)?test-(server|database)\.js/.test(readFileSync(join(root, file), "utf8"));

function runPass(backend, passFiles, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${backend}: ${passFiles.length} test files`);
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=source",
        "--test",
        "--test-reporter=spec",
        `--test-concurrency=${process.env.NEXUS_TEST_CONCURRENCY ?? 3}`,
        ...passFiles,
      ],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, NODE_ENV: "test", NEXUS_TEST_BACKEND: backend, ...env },
      },
    );
    const totals = { pass: 0, fail: 0, skipped: 0 };
    let buffer = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const match = /^ℹ (pass|fail|skipped) (\d+)$/.exec(line.trim());
        if (match) totals[match[1]] = Number(match[2]);
      }
    });
    child.on("close", (code) => {
      // A runner that died without reporting failures still failed.
      if (code !== 0 && totals.fail === 0) totals.fail = 1;
      resolve({ backend, ...totals, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/**
 * Creates `name` on the PostgreSQL server and applies every migration to it (through `nexus migrate up`), so each
 * test database can be a cheap copy of it instead of migrating from scratch. Returns false when that failed.
 */
async function createTemplateDatabase(pgUrl, name) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-test-template-"));
  const migrate = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=source",
      "--input-type=module",
      "-e",
      "const { main } = await import(process.argv[1]); await main(process.argv.slice(2));",
      join(root, "packages/server/src/cli/main.ts"),
      "migrate",
      "up",
    ],
    { cwd: root, env: { PATH: process.env.PATH, NEXUS_DATA_DIR: dataDir, NEXUS_DATABASE_URL: url.href } },
  );
  rmSync(dataDir, { recursive: true, force: true });
  if (migrate.status !== 0) console.log(`(migrating the template database failed; tests migrate their own)`);
  return migrate.status === 0;
}

/** Drops the databases a crashed test process may have left on the PostgreSQL server. */
async function dropLeftoverDatabases(pgUrl, prefix) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query("select datname from pg_database where starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

const only = process.env.NEXUS_TEST_BACKEND;
const redisUrl = process.env.NEXUS_TEST_REDIS_URL;
const results = [];
const skipped = [];

if (!only || only === "lite") results.push(await runPass("lite", files, {}));

if (!only || only === "postgres") {
  const pgUrl = process.env.NEXUS_TEST_PG_URL;
  const pgFiles = files.filter(usesBackend);
  if (!pgUrl) skipped.push("PostgreSQL suites (NEXUS_TEST_PG_URL not set)");
  else if (pgFiles.length > 0) {
    const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
    const label = redisUrl ? "postgres+redis" : "postgres";
    const template = `nexus_t_${runId}_template`;
    const env = { NEXUS_TEST_RUN_ID: runId, NEXUS_TEST_BACKEND: "postgres" };
    if (await createTemplateDatabase(pgUrl, template)) env.NEXUS_TEST_PG_TEMPLATE = template;
    results.push(await runPass(label, pgFiles, env));
    const left = (await dropLeftoverDatabases(pgUrl, `nexus_t_${runId}_`)).filter((name) => name !== template).length;
    if (left > 0) console.log(`(dropped ${left} test databases left behind by crashed tests)`);
  }
}

if (!redisUrl) skipped.push("Redis suites and the Redis bus in the postgres pass (NEXUS_TEST_REDIS_URL not set)");

console.log("");
for (const r of results) {
  console.log(`  ${r.backend}: ${r.pass} passed, ${r.fail} failed, ${r.skipped} skipped in ${r.seconds.toFixed(1)} s`);
}
for (const what of skipped)
  console.log(`SKIPPED: ${what}${requireAll ? " — a failure, NEXUS_TEST_REQUIRE_ALL=1" : ""}`);

const passed = results.reduce((sum, r) => sum + r.pass, 0);
const failed = results.reduce((sum, r) => sum + r.fail, 0) + (requireAll ? skipped.length : 0);
const skippedTests = results.reduce((sum, r) => sum + r.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skippedTests ? `, ${skippedTests} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
