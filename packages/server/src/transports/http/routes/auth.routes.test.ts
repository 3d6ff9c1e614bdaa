import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

describe("auth routes", () => {
  it("registers, logs in, refreshes and reads the account", async () => {
    await using t = await startTestServer();
    const reg = await t.api.post("/api/v1/auth/register", { username: "Alice", password: "correct horse battery" });
    assert.equal(reg.status, 201);
    assert.equal(reg.body.user.username, "Alice");
    assert.equal(reg.body.recovery_codes.length, 10);

    const login = await t.api.post("/api/v1/auth/login", { username: "alice", password: "correct horse battery" });
    assert.equal(login.status, 200);

    const refreshed = await t.api.post("/api/v1/auth/refresh", { refresh_token: login.body.refresh_token });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refresh_token, login.body.refresh_token);

    const me = await t.api.get("/api/v1/users/@me", { token: refreshed.body.access_token });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, reg.body.user.id);
  });

  it("revokes the whole session when a spent refresh token is reused", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const first = await t.api.post("/api/v1/auth/refresh", { refresh_token: user.refreshToken });
    assert.equal(first.status, 200);
    const replay = await t.api.post("/api/v1/auth/refresh", { refresh_token: user.refreshToken });
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error.code, "INVALID_TOKEN");
    const successor = await t.api.post("/api/v1/auth/refresh", { refresh_token: first.body.refresh_token });
    assert.equal(successor.status, 401, "the legitimate holder's successor token dies with the session");
    const me = await t.api.get("/api/v1/users/@me", { token: first.body.access_token });
    assert.equal(me.status, 401, "access tokens of a revoked session stop working at once");
  });
});
