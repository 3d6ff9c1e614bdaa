import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { openSqlite, sqlitePath } from "./database.js";
import { GroupCommit } from "./group-commit.js";

async function withDatabase(run: (group: GroupCommit, committedRows: () => number[]) => Promise<void>) {
  const dataDir = mkdtempSync(join(tmpdir(), "nexus-group-commit-"));
  const opened = openSqlite(dataDir);
  try {
    await sql`create table t (n integer primary key)`.execute(opened.db);
    // A second connection sees only what has been committed.
    const observer = new SQLite(sqlitePath(dataDir), { readonly: true });
    const committedRows = () =>
      (observer.prepare("select n from t order by n").all() as { n: number }[]).map((r) => r.n);
    try {
      await run(new GroupCommit(opened.db), committedRows);
    } finally {
      observer.close();
    }
  } finally {
    await opened.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test("group commit: concurrent transactions share a commit, and each resolves only once it is durable", async () => {
  await withDatabase(async (group, committedRows) => {
    const seenAtResolve: number[][] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        group
          .run(async (trx) => {
            await sql`insert into t (n) values (${n})`.execute(trx);
            return n;
          })
          .then((value) => {
            assert.equal(value, n);
            seenAtResolve.push(committedRows());
          }),
      ),
    );
    assert.deepEqual(committedRows(), [1, 2, 3, 4, 5]);
    for (const seen of seenAtResolve) assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  });
});

test("group commit: a failing transaction is rolled back alone and rejects with its own error", async () => {
  await withDatabase(async (group, committedRows) => {
    const results = await Promise.allSettled([
      group.run((trx) => sql`insert into t (n) values (1)`.execute(trx)),
      group.run(async (trx) => {
        await sql`insert into t (n) values (2)`.execute(trx);
        throw new Error("rule broken after a write");
      }),
      // Sees the first transaction's row: the group runs them in order.
      group.run((trx) => sql`insert into t (n) values (1)`.execute(trx)),
      group.run((trx) => sql`insert into t (n) values (3)`.execute(trx)),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "rejected", "rejected", "fulfilled"],
    );
    assert.match(String((results[1] as PromiseRejectedResult).reason), /rule broken/);
    assert.match(String((results[2] as PromiseRejectedResult).reason), /UNIQUE/);
    assert.deepEqual(committedRows(), [1, 3]);
  });
});
