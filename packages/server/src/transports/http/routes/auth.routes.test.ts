import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enableTotp, login, makeUser } from "../../../test-support/factories.js";
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

  it("gives the same answer for an unknown user and a wrong password", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const unknown = await t.api.post("/api/v1/auth/login", { username: "nobody_here", password: user.password });
    const wrong = await t.api.post("/api/v1/auth/login", { username: user.username, password: "wrong password" });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.body, wrong.body);
  });

  it("refuses taken usernames without regard to case, and weak or invalid passwords", async () => {
    await using t = await startTestServer();
    await makeUser(t.api, { username: "Carol" });
    const taken = await t.api.post("/api/v1/auth/register", { username: "cAROL", password: "fine password here" });
    assert.equal(taken.status, 409);
    assert.deepEqual(taken.body.error.fields, { username: "is taken" });
    const common = await t.api.post("/api/v1/auth/register", { username: "dave", password: "iloveyou" });
    assert.equal(common.status, 400);
    assert.equal(common.body.error.code, "WEAK_PASSWORD");
    const invalid = await t.api.post("/api/v1/auth/register", { username: "a b", password: "x", email: "nope" });
    assert.equal(invalid.status, 400);
    assert.deepEqual(Object.keys(invalid.body.error.fields).sort(), ["email", "password", "username"]);
  });
});

describe("account recovery with a recovery code", () => {
  it("sets a new password, signs out every session and returns a fresh login", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const other = await login(t.api, user);
    const res = await t.api.post("/api/v1/auth/recover", {
      username: user.username.toUpperCase(),
      recovery_code: user.recoveryCodes[3],
      new_password: "remembered at last",
      device_name: "Laptop",
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.id, user.id);
    for (const token of [user.token, other.token]) {
      assert.equal((await t.api.get("/api/v1/users/@me", { token })).status, 401);
    }
    const sessions = await t.api.get("/api/v1/auth/sessions", { token: res.body.access_token });
    assert.deepEqual(
      sessions.body.map((s: any) => s.device_name),
      ["Laptop"],
    );
    await login(t.api, { username: user.username, password: "remembered at last" });

    const reused = await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: user.recoveryCodes[3],
      new_password: "yet another password",
    });
    assert.equal(reused.status, 401, "each recovery code works once");
    assert.equal(reused.body.error.code, "INVALID_RECOVERY_CODE");
  });

  it("answers the same for an unknown user and a wrong code, and keeps the code when the password is weak", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    const unknown = await t.api.post("/api/v1/auth/recover", {
      username: "nobody_here",
      recovery_code: user.recoveryCodes[0],
      new_password: "remembered at last",
    });
    const wrong = await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: "aaaa-bbbb-cccc-dddd",
      new_password: "remembered at last",
    });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.body, wrong.body);
    const weak = await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: user.recoveryCodes[0],
      new_password: "password",
    });
    assert.equal(weak.status, 400);
    const ok = await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: user.recoveryCodes[0],
      new_password: "remembered at last",
    });
    assert.equal(ok.status, 200, "a rejected new password does not spend the code");
  });

  it("leaves two-factor on: the next login still asks for a code", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    await enableTotp(t.api, user);
    const res = await t.api.post("/api/v1/auth/recover", {
      username: user.username,
      recovery_code: user.recoveryCodes[0],
      new_password: "remembered at last",
    });
    assert.equal(res.status, 200);
    const next = await t.api.post("/api/v1/auth/login", { username: user.username, password: "remembered at last" });
    assert.equal(next.body.error.code, "TOTP_REQUIRED");
  });
});

describe("password reset by email without SMTP", () => {
  it("answers 404 EMAIL_UNAVAILABLE and points to recovery codes", async () => {
    await using t = await startTestServer();
    const user = await makeUser(t.api);
    for (const body of [{ username: user.username }, { email: "someone@example.org" }]) {
      const res = await t.api.post("/api/v1/auth/password-reset/request", body);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, "EMAIL_UNAVAILABLE");
      assert.match(res.body.error.message, /recovery code/);
    }
    const confirm = await t.api.post("/api/v1/auth/password-reset/confirm", {
      token: "x".repeat(43),
      new_password: "remembered at last",
    });
    assert.equal(confirm.status, 404);
    const both = await t.api.post("/api/v1/auth/password-reset/request", { username: "a", email: "a@b.org" });
    assert.equal(both.status, 400);
  });
});
