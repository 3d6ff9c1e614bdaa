import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { login, makeUser } from "../../../test-support/factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

describe("session routes", () => {
  it("lists your sessions with device, times and which one is current, without IPs by default", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    await t.api.post(
      "/api/v1/auth/login",
      { username: user.username, password: user.password },
      { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" } },
    );
    await t.api.post("/api/v1/auth/login", { username: user.username, password: user.password, device_name: "Phone" });

    const list = await t.api.get("/api/v1/auth/sessions", { token: user.token });
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 3);
    assert.deepEqual(list.body.map((s: any) => s.device_name).sort(), ["Firefox on Linux", "Phone", "node"]);
    assert.deepEqual(
      list.body.map((s: any) => s.current),
      list.body.map((s: any) => s.device_name === "node"),
    );
    for (const session of list.body) {
      assert.equal(session.ip, null);
      assert.ok(Date.parse(session.created_at) <= Date.parse(session.last_used_at));
    }
    const stored = await t.server.database.db.selectFrom("sessions").select("ip").execute();
    assert.ok(
      stored.every((row) => row.ip === null),
      "no IP address is stored unless configured",
    );
  });

  it("shows the last IP when auth.record_ip is on", async () => {
    await using t = await startTestServer({ settings: { "auth.record_ip": true } });
    const user = await makeUser(t.api);
    const list = await t.api.get("/api/v1/auth/sessions", { token: user.token });
    assert.equal(list.body[0].ip, "127.0.0.1");
  });

  it("orders sessions by last use and moves one to the top when it refreshes", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const second = await login(t.api, user);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const refreshed = await t.api.post("/api/v1/auth/refresh", { refresh_token: user.refreshToken });
    const list = await t.api.get("/api/v1/auth/sessions", { token: second.token });
    assert.equal(list.body[0].current, false, "the refreshed first session is now the most recently used");
    assert.equal(list.body[1].current, true);
    assert.equal(refreshed.status, 200);
  });

  it("signs out one of your own sessions; its tokens stop working at once", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const other = await login(t.api, user);
    const list = await t.api.get("/api/v1/auth/sessions", { token: user.token });
    const otherId = list.body.find((s: any) => !s.current).id;

    const revoked = await t.api.delete(`/api/v1/auth/sessions/${otherId}`, { token: user.token });
    assert.equal(revoked.status, 204);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: other.token })).status, 401);
    const refresh = await t.api.post("/api/v1/auth/refresh", { refresh_token: other.refreshToken });
    assert.equal(refresh.status, 401);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: user.token })).status, 200);

    const again = await t.api.delete(`/api/v1/auth/sessions/${otherId}`, { token: user.token });
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, "UNKNOWN_SESSION");
  });

  it("answers 404 for someone else's session and leaves it alone", async () => {
    await using t = await startTestServer();
    const alice = await makeUser(t.api);
    const bob = await makeUser(t.api);
    const bobSessions = await t.api.get("/api/v1/auth/sessions", { token: bob.token });
    const res = await t.api.delete(`/api/v1/auth/sessions/${bobSessions.body[0].id}`, { token: alice.token });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "UNKNOWN_SESSION");
    assert.equal((await t.api.get("/api/v1/users/@me", { token: bob.token })).status, 200);
  });

  it("signs out the current session with DELETE on its own id, like logout", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const list = await t.api.get("/api/v1/auth/sessions", { token: user.token });
    assert.equal((await t.api.delete(`/api/v1/auth/sessions/${list.body[0].id}`, { token: user.token })).status, 204);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: user.token })).status, 401);
  });

  it("signs out every other session with revoke-others and keeps this one", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const others = [await login(t.api, user), await login(t.api, user)];
    const res = await t.api.post("/api/v1/auth/sessions/revoke-others", undefined, { token: user.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { revoked: 2 });
    for (const other of others)
      assert.equal((await t.api.get("/api/v1/users/@me", { token: other.token })).status, 401);
    const list = await t.api.get("/api/v1/auth/sessions", { token: user.token });
    assert.deepEqual(
      list.body.map((s: any) => s.current),
      [true],
    );
  });

  it("logout ends only this session", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const other = await login(t.api, user);
    assert.equal((await t.api.post("/api/v1/auth/logout", undefined, { token: user.token })).status, 204);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: user.token })).status, 401);
    assert.equal((await t.api.post("/api/v1/auth/refresh", { refresh_token: user.refreshToken })).status, 401);
    assert.equal((await t.api.get("/api/v1/users/@me", { token: other.token })).status, 200);
  });

  it("rejects malformed session ids and requires a token", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const bad = await t.api.delete("/api/v1/auth/sessions/not-an-id", { token: user.token });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.error.fields.session_id);
    const anonymous = await t.api.get("/api/v1/auth/sessions");
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, "UNAUTHORIZED");
  });
});
