import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import pg from "pg";
import { makeUser } from "../../test-support/factories.js";
import { startTcpProxy } from "../../test-support/tcp-proxy.js";
import { adminUrl, createTestDatabase, testBackend } from "../../test-support/test-database.js";
import { startTestServer } from "../../test-support/test-server.js";

const pgOnly = testBackend() === "postgres" ? false : "needs PostgreSQL (the postgres pass)";

describe("when PostgreSQL is unreachable", { skip: pgOnly }, () => {
  it("answers 503 SERVICE_UNAVAILABLE with a clear error, and serves again once it returns", async () => {
    await using database = await createTestDatabase();
    const direct = new URL(database.url);
    await using proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const logLines: { level: number; reqId?: string; msg?: string }[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of chunk.toString().split("\n")) if (line) logLines.push(JSON.parse(line));
        done();
      },
    });
    await using t = await startTestServer({
      settings: { "database.url": viaProxy.href, "database.connect_timeout_ms": 2000 },
      logStream,
    });
    const user = await makeUser(t.api);

    await proxy.stop();
    const down = await t.api.get("/api/v1/users/@me", { token: user.token });
    assert.equal(down.status, 503);
    assert.equal(down.body.error.code, "SERVICE_UNAVAILABLE");
    assert.match(down.body.error.message, /cannot reach its database/);
    const login = await t.api.post("/api/v1/auth/login", { username: user.username, password: user.password });
    assert.equal(login.status, 503, "writes fail the same way");
    assert.equal((await t.api.get("/readyz")).status, 503);
    const warnings = logLines.filter((line) => line.level === 40 && /cannot reach its database/.test(line.msg ?? ""));
    assert.ok(warnings.length >= 2, "each failed request is logged");
    assert.ok(
      warnings.every((line) => typeof line.reqId === "string"),
      "with the id of the request it belongs to",
    );

    await proxy.start();
    const up = await t.api.get("/api/v1/users/@me", { token: user.token });
    assert.equal(up.status, 200);
    assert.equal(up.body.id, user.id);
    assert.equal((await t.api.get("/readyz")).status, 200);
  });

  it("replaces pooled connections that PostgreSQL terminated (as on a restart)", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const dbName = new URL(t.config.database.url).pathname.slice(1);
    const client = new pg.Client({ connectionString: adminUrl().href });
    await client.connect();
    try {
      const { rows } = await client.query(
        "select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = $1",
        [dbName],
      );
      assert.ok(rows.length > 0, "the server held pooled connections");
    } finally {
      await client.end();
    }
    // Let the pool hear that its idle connections died.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const me = await t.api.get("/api/v1/users/@me", { token: user.token });
    assert.equal(me.status, 200);
  });
});
