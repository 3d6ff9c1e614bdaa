import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runNexus } from "../test-support/run-cli.js";
import { createTestDatabase, testBackend } from "../test-support/test-database.js";

const nexus = runNexus;

describe("nexus migrate", () => {
  it("lists pending migrations, applies them, then reports every one applied", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "nexus-migrate-"));
    await using database = testBackend() === "postgres" ? await createTestDatabase({ blank: true }) : undefined;
    const env = { NEXUS_DATA_DIR: dataDir, NEXUS_DATABASE_URL: database?.url ?? "" };
    try {
      const before = await nexus(["migrate", "status"], env);
      assert.equal(before.code, 0);
      assert.match(before.stdout, /^pending {2}0001-accounts$/m);
      assert.doesNotMatch(before.stdout, /^applied/m);

      const up = await nexus(["migrate", "up"], env);
      assert.equal(up.code, 0);
      assert.match(up.stdout, /^Applied .*0001-accounts/);

      const after = await nexus(["migrate", "status"], env);
      assert.doesNotMatch(after.stdout, /^pending/m);
      assert.match(after.stdout, /^applied {2}0001-accounts$/m);
      assert.equal((await nexus(["migrate", "up"], env)).stdout, "Database is up to date.\n");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("says plainly when the database cannot be reached, and exits 1", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "nexus-migrate-"));
    try {
      const child = await nexus(["migrate", "status"], {
        NEXUS_DATA_DIR: dataDir,
        NEXUS_DATABASE_URL: "postgres://nexus@127.0.0.1:1/nexus",
      });
      assert.equal(child.code, 1);
      assert.match(child.stderr, /^nexus: cannot reach the database: connect ECONNREFUSED 127\.0\.0\.1:1\./);
      assert.doesNotMatch(child.stderr, /\n\s+at /, "no stack trace");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
