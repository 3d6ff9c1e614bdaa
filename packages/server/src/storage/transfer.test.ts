import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import SQLite from "better-sqlite3";
import pg from "pg";
import { makeUser } from "../test-support/factories.js";
import { runNexus } from "../test-support/run-cli.js";
import { createTestDatabase, testBackend } from "../test-support/test-database.js";
import { startTestServer } from "../test-support/test-server.js";

const pgOnly = testBackend() === "postgres" ? false : "needs PostgreSQL (the postgres pass)";

async function onPostgres(url: string, statement: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

describe("nexus transfer", { skip: pgOnly }, () => {
  it("moves a lite install to PostgreSQL with every row, and the accounts work there", async () => {
    await using lite = await startTestServer({ settings: { "database.url": "" } });
    const alice = await makeUser(lite.api);
    const bob = await makeUser(lite.api);
    await lite.api.post("/api/v1/auth/login", { username: alice.username, password: alice.password });
    await lite.stop();
    const file = join(lite.dataDir, "nexus.db");
    await using target = await createTestDatabase({ blank: true });

    const moved = await runNexus(["transfer", "--from", file, "--to", target.url], { NEXUS_DATA_DIR: lite.dataDir });
    assert.equal(moved.stderr, "");
    assert.equal(moved.code, 0);
    assert.match(moved.stdout, /^ +2 {2}users$/m);
    assert.match(moved.stdout, /^ +3 {2}sessions$/m);
    assert.match(moved.stdout, /row counts match/);

    await using scaled = await startTestServer({ settings: { "database.url": target.url } });
    for (const user of [alice, bob]) {
      const login = await scaled.api.post("/api/v1/auth/login", { username: user.username, password: user.password });
      assert.equal(login.status, 200);
      assert.equal(login.body.user.id, user.id, "ids survive the move exactly");
    }
  });

  it("refuses a target that already holds data, and changes nothing there", async () => {
    await using lite = await startTestServer({ settings: { "database.url": "" } });
    await makeUser(lite.api);
    await lite.stop();
    await using target = await createTestDatabase({ blank: true });
    await onPostgres(target.url, "create table notes (body text); insert into notes values ('keep me')");

    const refused = await runNexus(["transfer", "--from", join(lite.dataDir, "nexus.db"), "--to", target.url], {
      NEXUS_DATA_DIR: lite.dataDir,
    });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /target database is not empty \(table "notes" has rows\)/);
    const tables = await onPostgres(target.url, "select tablename from pg_tables where schemaname = 'public'");
    assert.deepEqual(tables, [{ tablename: "notes" }]);
  });

  it("copies rows that reference a later row of the same table", async () => {
    await using lite = await startTestServer({ settings: { "database.url": "" } });
    await lite.stop();
    const file = join(lite.dataDir, "nexus.db");
    const sqlite = new SQLite(file);
    // The leaf is stored before its branch, as after a re-parenting; SQLite checks references per statement.
    sqlite.pragma("foreign_keys = off");
    sqlite.exec(`create table tree (id bigint primary key, parent_id bigint references tree (id), name text not null);
      insert into tree values (9007199254740993, null, 'root');
      insert into tree values (1, 9007199254740995, 'leaf');
      insert into tree values (9007199254740995, 9007199254740993, 'branch');`);
    sqlite.close();
    await using target = await createTestDatabase({ blank: true });
    await onPostgres(
      target.url,
      "create table tree (id bigint primary key, parent_id bigint references tree (id), name text not null)",
    );

    const moved = await runNexus(["transfer", "--from", file, "--to", target.url], { NEXUS_DATA_DIR: lite.dataDir });
    assert.equal(moved.code, 0, moved.stderr);
    const rows = await onPostgres(target.url, "select id::text, parent_id::text, name from tree order by name");
    assert.deepEqual(rows, [
      { id: "9007199254740995", parent_id: "9007199254740993", name: "branch" },
      { id: "1", parent_id: "9007199254740995", name: "leaf" },
      { id: "9007199254740993", parent_id: null, name: "root" },
    ]);
  });
});
